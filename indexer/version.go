package indexer

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hesabat/hesabat/indexer/az"
)

// VersionFile is the name of the file in a generation that records what
// built it (see Version).
const VersionFile = "version.json"

// ErrAnalysisVersion means an index was built with other analyzers than
// this program's (az.AnalysisVersion differs): its terms would not match
// the queries', so it must be rebuilt with "hesabat index".
var ErrAnalysisVersion = errors.New("index was built with another analysis version")

// Version records what built a generation: the analysis version of its
// terms and the version of the program that wrote it.
type Version struct {
	// Analysis is the az.AnalysisVersion the generation was analysed with.
	Analysis int `json:"analysis"`
	// App is the version of the program that built it (WithAppVersion).
	App string `json:"app"`
}

// WithAppVersion records v as the program's version in the generations
// Build writes (default "unknown").
func WithAppVersion(v string) Option { return func(o *options) { o.appVersion = v } }

// Version returns what built the index: for one that Open opened, as its
// generation records it (zero for a bare bleve index).
func (x *Index) Version() Version { return x.version }

// version returns the Version that Build records.
func (o options) version() Version {
	app := o.appVersion
	if app == "" {
		app = "unknown"
	}
	return Version{Analysis: o.analysisVersion, App: app}
}

// writeVersion records v in generation gen.
func writeVersion(gen string, v Version) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("indexer: write version: %w", err)
	}
	return WriteFileAtomic(filepath.Join(gen, VersionFile), data, 0o644)
}

// checkVersion reads the version of generation gen and fails with
// ErrAnalysisVersion unless it was analysed with analysis version want. A
// generation without a version file predates versions and is refused too.
func checkVersion(gen string, want int) (Version, error) {
	var v Version
	path := filepath.Join(gen, VersionFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return v, fmt.Errorf("indexer: open %s: %w (it records none; this program analyses with version %d): rebuild it with \"hesabat index\"",
			gen, ErrAnalysisVersion, want)
	}
	if err != nil {
		return v, fmt.Errorf("indexer: read version: %w", err)
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return v, fmt.Errorf("indexer: read version %s: %w", path, err)
	}
	if v.Analysis != want {
		return v, fmt.Errorf("indexer: open %s: %w (it has version %d, built by hesabat %s; this program analyses with version %d): rebuild it with \"hesabat index\"",
			gen, ErrAnalysisVersion, v.Analysis, v.App, want)
	}
	return v, nil
}

// defaultAnalysisVersion is the analysis version Build records and Open
// expects unless a test says otherwise.
const defaultAnalysisVersion = az.AnalysisVersion
