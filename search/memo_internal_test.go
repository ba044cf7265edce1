package search

import (
	"strconv"
	"testing"
)

// TestMemoEvictsLeastRecentlyUsed checks that a full memo still remembers
// new keys, forgetting the one used least recently.
func TestMemoEvictsLeastRecentlyUsed(t *testing.T) {
	var m memo[int]
	for i := range memoSize {
		m.put(strconv.Itoa(i), i)
	}
	if v, ok := m.get("0"); !ok || v != 0 { // "0" is now the most recently used
		t.Fatalf("get(0) = %d, %v", v, ok)
	}
	m.put("new", -1)
	if v, ok := m.get("new"); !ok || v != -1 {
		t.Errorf("a full memo did not remember a new key: %d, %v", v, ok)
	}
	if _, ok := m.get("1"); ok {
		t.Error("the least recently used key was kept")
	}
	if _, ok := m.get("0"); !ok {
		t.Error("a recently used key was forgotten")
	}
}
