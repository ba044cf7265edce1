package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const modulePath = "github.com/hesabat/hesabat"

// importRules says, for each package of the module, which imports are allowed
// besides the standard library. A prefix ending in "/" matches a tree.
// aztext is the leaf under everything: it imports nothing of the module,
// and every library package may import it.
var importRules = map[string][]string{
	"aztext":     {"golang.org/x/text/"},
	"corpus":     {modulePath + "/aztext", "golang.org/x/text/"},
	"corpus/pdf": {modulePath + "/aztext", modulePath + "/corpus", "github.com/ledongthuc/pdf", "golang.org/x/text/"},
	"indexer/az": {modulePath + "/aztext", "github.com/blevesearch/", "github.com/hashicorp/golang-lru/", "golang.org/x/text/"},
	"indexer":    {modulePath + "/aztext", modulePath + "/corpus", modulePath + "/indexer/az", "github.com/blevesearch/", "golang.org/x/text/"},
	"search":     {modulePath + "/aztext", modulePath + "/corpus", modulePath + "/indexer", modulePath + "/search/internal/", "github.com/hashicorp/golang-lru/", "github.com/blevesearch/", "github.com/RoaringBitmap/roaring/", "golang.org/x/text/"},
	"analytics":  {modulePath + "/aztext", modulePath + "/corpus", "golang.org/x/text/"},
	// The postings adapter: the one place search reads bleve's storage.
	"search/internal/postings": {"github.com/blevesearch/", "github.com/RoaringBitmap/roaring/"},
}

// storageInternals are bleve's storage layers: index types, segments and
// their codecs. Only indexer (which opens scorch indexes) and search's
// postings adapter may name them, in code or tests; a bleve upgrade that
// changes them then costs those two places only.
var storageInternals = []string{
	"github.com/blevesearch/bleve/v2/index/",
	"github.com/blevesearch/scorch_segment_api/",
	"github.com/blevesearch/zapx/",
	"github.com/blevesearch/upsidedown_store_api",
}

// internalsAllowed reports whether the package at rel (relative to the
// module) may import storageInternals.
func internalsAllowed(rel string) bool {
	return rel == "indexer" || strings.HasPrefix(rel, "indexer/") || rel == "search/internal/postings"
}

// TestImportDirections fails when an import points the wrong way: library
// packages import only what the architecture allows, and nothing imports web
// or cmd.
func TestImportDirections(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-json", modulePath+"/...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	seen := 0
	for {
		var p struct {
			ImportPath   string
			Imports      []string
			TestImports  []string
			XTestImports []string
			Standard     bool
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		seen++
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, modulePath), "/")
		for _, imp := range append(append(p.Imports, p.TestImports...), p.XTestImports...) {
			for _, in := range storageInternals {
				if strings.HasPrefix(imp, in) && !internalsAllowed(rel) {
					t.Errorf("%s imports %s: only indexer and search/internal/postings may use bleve's storage internals", p.ImportPath, imp)
				}
			}
		}
		for _, imp := range p.Imports {
			if !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
				continue // standard library
			}
			irel, internal := strings.CutPrefix(imp, modulePath+"/")
			if internal && (irel == "web" || strings.HasPrefix(irel, "web/") || strings.HasPrefix(irel, "cmd/")) &&
				!strings.HasPrefix(rel, "web") && !strings.HasPrefix(rel, "cmd/") {
				t.Errorf("%s imports %s: nothing outside web and cmd may import them", p.ImportPath, imp)
			}
			if internal && strings.HasPrefix(irel, "cmd/") {
				t.Errorf("%s imports %s: nothing imports cmd", p.ImportPath, imp)
			}
			allowed, ruled := importRules[rel]
			if !ruled {
				continue
			}
			ok := false
			for _, a := range allowed {
				if imp == a || (strings.HasSuffix(a, "/") && strings.HasPrefix(imp, a)) || strings.HasPrefix(imp, a+"/") {
					ok = true
					break
				}
			}
			if !ok {
				t.Errorf("%s imports %s, which the architecture does not allow", p.ImportPath, imp)
			}
		}
	}
	if seen < 5 {
		t.Fatalf("go list saw %d packages; want the whole module", seen)
	}
}
