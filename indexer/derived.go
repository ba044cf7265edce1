package indexer

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/hesabat/hesabat/corpus"
)

// ErrNoDerived means a generation holds no derived data under the name asked
// for: it was built without the WithDerived option of that name (or before
// derived data existed).
var ErrNoDerived = errors.New("no derived data")

// DeriveFunc computes data from the reports of a generation while Build
// indexes them, such as the analytics the pages show. It must not modify
// the reports; it runs concurrently with the indexing.
type DeriveFunc func(ctx context.Context, reports []*corpus.Report) ([]byte, error)

// derivedSpec is one WithDerived option.
type derivedSpec struct {
	name string
	fn   DeriveFunc
}

// derivedName is what a derived data name may be: it becomes part of a file name.
var derivedName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// derivedPrefix starts the file name of derived data in a generation; the
// file is gzip-compressed.
const derivedPrefix = "derived-"

// WithDerived makes Build compute fn over the reports, concurrently with the
// indexing, and store its bytes with the generation under name (lower-case
// letters, digits and hyphens), so that whoever serves the generation reads
// them with Index.Derived instead of walking every report again. A failing
// fn fails the build. Data of a name that does not fit is refused by Build.
func WithDerived(name string, fn DeriveFunc) Option {
	return func(o *options) { o.derived = append(o.derived, derivedSpec{name: name, fn: fn}) }
}

// startDerived runs the derive functions of o over reports in the
// background; the returned function waits for them and returns their bytes
// by name, or the first error.
func startDerived(ctx context.Context, o options, reports []*corpus.Report) (func() (map[string][]byte, error), error) {
	for _, d := range o.derived {
		if !derivedName.MatchString(d.name) || d.fn == nil {
			return nil, fmt.Errorf("indexer: derived data %q: bad name or no function", d.name)
		}
	}
	type result struct {
		name string
		data []byte
		err  error
	}
	ch := make(chan result, len(o.derived))
	for _, d := range o.derived {
		go func() {
			data, err := d.fn(ctx, reports)
			ch <- result{d.name, data, err}
		}()
	}
	return func() (map[string][]byte, error) {
		out := make(map[string][]byte, len(o.derived))
		var errs []error
		for range o.derived {
			r := <-ch
			if r.err != nil {
				errs = append(errs, fmt.Errorf("indexer: derive %s: %w", r.name, r.err))
				continue
			}
			out[r.name] = r.data
		}
		return out, errors.Join(errs...)
	}, nil
}

// writeDerived writes each derived data into generation directory gen,
// gzip-compressed and synced.
func writeDerived(gen string, data map[string][]byte) error {
	for name, b := range data {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed) // a valid level: no error
		if _, err := zw.Write(b); err != nil {
			return fmt.Errorf("indexer: write derived %s: %w", name, err)
		}
		if err := zw.Close(); err != nil {
			return fmt.Errorf("indexer: write derived %s: %w", name, err)
		}
		if err := WriteFileAtomic(filepath.Join(gen, derivedPrefix+name+".gz"), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Derived returns the data stored under name by Build's WithDerived option
// for this index's generation. It fails with ErrNoDerived when there is
// none (a bare bleve index, or a build without that option), and reads the
// file on every call: callers keep what they decode.
func (x *Index) Derived(ctx context.Context, name string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("indexer: derived %s: %w", name, err)
	}
	if b, ok := x.derived[name]; ok {
		return b, nil
	}
	if x.store == nil || x.store.gen == "" || !derivedName.MatchString(name) {
		return nil, fmt.Errorf("indexer: derived %s: %w", name, ErrNoDerived)
	}
	path := filepath.Join(x.store.gen, derivedPrefix+name+".gz")
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("indexer: derived %s: %w", name, ErrNoDerived)
	}
	if err != nil {
		return nil, fmt.Errorf("indexer: derived %s: %w", name, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("indexer: derived %s: %s: %w", name, path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("indexer: derived %s: %s: %w", name, path, err)
	}
	return b, nil
}
