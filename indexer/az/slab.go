package az

// slabSize is the size of the blocks that the lowercase and fold filters
// write changed terms into: one allocation serves many terms of a stream
// instead of one each.
const slabSize = 4096

// termSlab hands out the bytes of changed terms from blocks of slabSize.
// Each term gets its own bytes, capped at its length, so that no term
// shares or can grow into another's.
type termSlab struct{ buf []byte }

// room returns the slab with room for max more bytes, from a new block if
// need be; the caller appends a term to it and passes the result to take.
func (s *termSlab) room(max int) []byte {
	if cap(s.buf)-len(s.buf) < max {
		s.buf = make([]byte, 0, slabSize+max)
	}
	return s.buf
}

// take keeps buf (room's slice with a term appended) as the slab and
// returns the term: the bytes appended after the slab's old length.
func (s *termSlab) take(buf []byte) []byte {
	n := len(s.buf)
	s.buf = buf
	return buf[n:len(buf):len(buf)]
}
