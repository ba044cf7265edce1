package search

// ForgetImpacts empties the impact cache of the index state s searches, so
// that the next search decodes every postings list it reads (the
// benchmarks measure cold searches with it).
func ForgetImpacts(s *Searcher) {
	if st := s.cur.Load(); st != nil && st.ex != nil && st.ex.impacts != nil {
		st.ex.impacts.clear()
	}
}
