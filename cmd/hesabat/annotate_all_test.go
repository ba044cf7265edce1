package main

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/hesabat/hesabat/analytics"
	"github.com/hesabat/hesabat/corpus"
)

// TestAnnotateAll checks that annotating reports in parallel gives what
// annotating them one by one gives, and that a cancelled context stops it.
func TestAnnotateAll(t *testing.T) {
	var got, want []*corpus.Report
	for range 5 {
		a, err := corpus.Default()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := corpus.Default()
		got, want = append(got, a), append(want, b)
	}
	if err := annotateAll(context.Background(), got); err != nil {
		t.Fatal(err)
	}
	for _, r := range want {
		if err := analytics.Annotate(r); err != nil {
			t.Fatal(err)
		}
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("report %d annotated in parallel differs from one annotated alone", i)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fresh, _ := corpus.Default()
	if err := annotateAll(ctx, []*corpus.Report{fresh}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}
