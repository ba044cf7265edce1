package indexer

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
)

// The report store is compressed with the standard library's gzip at its
// fastest level: at a thousand reports it shrinks the stored reports from
// 258 MB of JSON to ≈ 30 MB (they repeat much), for ≈ 1 ms to decompress a
// report (BENCHMARKS.md, "Indexing at N = 1000").

// gzipMembers compresses one member at a time, reusing its writer.
type gzipMembers struct {
	buf bytes.Buffer
	zw  *gzip.Writer
}

// member returns data compressed as one gzip member; the bytes are valid
// until the next call.
func (g *gzipMembers) member(data []byte) ([]byte, error) {
	g.buf.Reset()
	if g.zw == nil {
		g.zw, _ = gzip.NewWriterLevel(&g.buf, gzip.BestSpeed) // a valid level: no error
	} else {
		g.zw.Reset(&g.buf)
	}
	if _, err := g.zw.Write(data); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	if err := g.zw.Close(); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	return g.buf.Bytes(), nil
}

// gunzip decompresses one gzip member.
func gunzip(member []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(member))
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	zr.Multistream(false)
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	return out, nil
}
