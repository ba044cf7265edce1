package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"
)

// staticFS holds the stylesheet, the scripts and, once `make assets` has
// run, the vendored ECharts build under static/vendor.
//
//go:embed static
var staticFS embed.FS

// EChartsPath is the URL path of the ECharts build the server embeds.
const EChartsPath = "/static/vendor/echarts.min.js"

// staticFiles returns the static files and a version string that changes
// whenever any of them does, for cache-busting asset URLs.
func staticFiles() (fs.FS, string, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, "", fmt.Errorf("web: static files: %w", err)
	}
	var names []string
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("web: static files: %w", err)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := fs.ReadFile(sub, n)
		if err != nil {
			return nil, "", fmt.Errorf("web: static file %s: %w", n, err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return sub, hex.EncodeToString(h.Sum(nil))[:12], nil
}

// assetPrefix is the URL prefix pages load static files from: /static/v-<hash>,
// cached for a year because its content can never change.
func (s *Server) assetPrefix() string { return "/static/v-" + s.assetVer }

// serveStatic serves an embedded static file. Paths under the versioned
// prefix are cached for a year; plain /static/… paths for five minutes.
// Directories are never listed.
func (s *Server) serveStatic(c *gin.Context) {
	p := c.Param("path")
	cache := "public, max-age=300"
	if rest, ok := strings.CutPrefix(p, "/v-"+s.assetVer+"/"); ok {
		p = "/" + rest
		cache = "public, max-age=31536000, immutable"
	}
	p = path.Clean("/" + p)
	name := strings.TrimPrefix(p, "/")
	st, err := fs.Stat(s.static, name)
	if err != nil || st.IsDir() || name == "" || name == "." {
		s.fail(c, errNotFound)
		return
	}
	c.Header("Cache-Control", cache)
	r := c.Request.Clone(c.Request.Context())
	r.URL.Path = p
	http.FileServer(gin.OnlyFilesFS{FileSystem: http.FS(s.static)}).ServeHTTP(c.Writer, r)
}
