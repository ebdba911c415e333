// This file holds the compiled matching program and its allocation-free matcher.

package glob

import "strings"

// A program is the pattern split at every "**" into pieces, and each piece
// split at every "*" into fixed-width segments:
//
//	piece0 ** piece1 ** ... ** pieceN      piece = seg0 * seg1 * ... * segK
//
// Matching is greedy and never backtracks across more than one level, which
// keeps it polynomial on any input:
//
//   - Within a piece anchored at a start, placing each segment at its leftmost
//     possible position is optimal, because '*' never matches '/' and sets never
//     match '/' (a segment that contains '/' has only one possible place).
//   - A piece between two "**" is placed so that it ends as early as possible;
//     the first start from which the greedy placement succeeds gives that end.
//   - The last piece must end at the end of the path; every start is tried.
type program struct {
	pieces []piece
}

type piece struct {
	segs []segment // len(segs) == number of '*' in the piece + 1
	// slashes counts the literal '/' in the segments. Stars and sets never
	// match '/', so every match of the piece holds exactly this many.
	slashes int
}

// segment is a run of single-byte tokens; lit is set when all are literal.
type segment struct {
	lit   string
	ops   []op
	width int
	isLit bool
	// slashAt is the offset of the first literal '/', or -1. After a '*' such
	// a segment has one possible place: its '/' sits on the next '/' of the path.
	slashAt int
}

// op matches one byte: b when set is nil, else any member of set.
type op struct {
	set *byteSet
	b   byte
}

func newProgram(toks []token) program {
	var prog program
	cur := piece{}
	var seg []token
	flushSeg := func() {
		cur.segs = append(cur.segs, newSegment(seg))
		seg = nil
	}
	for _, t := range toks {
		switch t.kind {
		case tokStar:
			flushSeg()
		case tokStarStar:
			flushSeg()
			prog.pieces = append(prog.pieces, cur)
			cur = piece{}
		default:
			seg = append(seg, t)
			if t.kind == tokByte && t.b == '/' {
				cur.slashes++
			}
		}
	}
	flushSeg()
	prog.pieces = append(prog.pieces, cur)
	return prog
}

func newSegment(toks []token) segment {
	s := segment{width: len(toks), isLit: true, slashAt: -1}
	var b strings.Builder
	for i, t := range toks {
		if t.kind != tokByte {
			s.isLit = false
		} else if t.b == '/' && s.slashAt < 0 {
			s.slashAt = i
		}
		b.WriteByte(t.b)
	}
	if s.isLit {
		s.lit = b.String()
		return s
	}
	s.ops = make([]op, len(toks))
	for i, t := range toks {
		s.ops[i] = op{set: t.set, b: t.b}
	}
	return s
}

// at reports whether the segment matches t at position p.
func (s *segment) at(t string, p int) bool {
	if p+s.width > len(t) {
		return false
	}
	if s.isLit {
		return t[p:p+s.width] == s.lit
	}
	for i := range s.ops {
		o := &s.ops[i]
		c := t[p+i]
		if o.set == nil {
			if c != o.b {
				return false
			}
		} else if !o.set.has(c) {
			return false
		}
	}
	return true
}

// find returns the leftmost p >= from where the segment matches t, or -1.
// With inStar, the gap t[from:p] is covered by a '*' and so must not hold '/'.
func (s *segment) find(t string, from int, inStar bool) int {
	last := len(t) - s.width // last possible start
	if inStar {
		f := strings.IndexByte(t[from:], '/')
		if s.slashAt >= 0 {
			// The bytes before the segment's first '/' and the gap hold no
			// '/', so that '/' must be the first one at or after from.
			if p := from + f - s.slashAt; f >= 0 && p >= from && s.at(t, p) {
				return p
			}
			return -1
		}
		if f >= 0 && from+f < last {
			last = from + f
		}
	}
	if last < from {
		return -1
	}
	if s.isLit {
		if i := strings.Index(t[from:last+s.width], s.lit); i >= 0 {
			return from + i
		}
		return -1
	}
	for p := from; p <= last; p++ {
		if s.at(t, p) {
			return p
		}
	}
	return -1
}

// place matches the piece with its first segment at start, each later segment
// at its leftmost position. With anchorEnd the piece must end at len(t).
// It returns the end of the match, or -1.
func (pc *piece) place(t string, start int, anchorEnd bool) int {
	segs := pc.segs
	if !segs[0].at(t, start) {
		return -1
	}
	cur := start + segs[0].width
	k := len(segs) - 1
	for i := 1; i <= k; i++ {
		s := &segs[i]
		if anchorEnd && i == k {
			p := len(t) - s.width
			if p < cur || strings.IndexByte(t[cur:p], '/') >= 0 || !s.at(t, p) {
				return -1
			}
			return len(t)
		}
		p := s.find(t, cur, true)
		if p < 0 {
			return -1
		}
		cur = p + s.width
	}
	if anchorEnd && cur != len(t) {
		return -1
	}
	return cur
}

// earliest finds the piece somewhere at or after from (it follows a "**") and
// returns the smallest end of such a match, or -1.
func (pc *piece) earliest(t string, from int) int {
	for s := from; s <= len(t); s++ {
		p := pc.segs[0].find(t, s, false)
		if p < 0 {
			return -1
		}
		if end := pc.place(t, p, false); end >= 0 {
			return end
		}
		s = p
	}
	return -1
}

// suffix reports whether the piece matches t[s:] for some s >= from.
func (pc *piece) suffix(t string, from int) bool {
	// t[s:] must hold exactly pc.slashes slashes: start after the one before.
	end := len(t)
	for range pc.slashes + 1 {
		q := strings.LastIndexByte(t[:end], '/')
		if q < 0 {
			end = -1
			break
		}
		end = q
	}
	from = max(from, end+1)
	if len(pc.segs) == 1 {
		p := len(t) - pc.segs[0].width
		return p >= from && pc.segs[0].at(t, p)
	}
	for s := from; s <= len(t); s++ {
		p := pc.segs[0].find(t, s, false)
		if p < 0 {
			return false
		}
		if pc.place(t, p, true) >= 0 {
			return true
		}
		s = p
	}
	return false
}

func (pr *program) match(t string) bool {
	pieces := pr.pieces
	if len(pieces) == 1 {
		// No "**": the path holds exactly the pattern's literal slashes.
		return strings.Count(t, "/") == pieces[0].slashes && pieces[0].place(t, 0, true) >= 0
	}
	cur := pieces[0].place(t, 0, false)
	if cur < 0 {
		return false
	}
	for i := 1; i < len(pieces)-1; i++ {
		if cur = pieces[i].earliest(t, cur); cur < 0 {
			return false
		}
	}
	return pieces[len(pieces)-1].suffix(t, cur)
}
