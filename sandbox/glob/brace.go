// This file expands brace alternatives ("{a,b}") into separate patterns.

package glob

import "fmt"

// MaxExpansions bounds how many patterns one brace expression may produce.
const MaxExpansions = 4096

// maxExpandedBytes bounds the total size of one expansion's output.
const maxExpandedBytes = 1 << 20

// maxBraceDepth bounds brace nesting so that hostile input cannot recurse deeply.
const maxBraceDepth = 64

// ExpandBraces expands every "{a,b,...}" group into its alternatives, left to
// right, as a shell does: "/{a,b}/{c,d}" gives /a/c, /a/d, /b/c, /b/d. Groups
// nest, alternatives may be empty and may hold globs. A group without a
// top-level comma is kept as literal text with its braces, like bash ("{x}").
// A backslash escapes the next byte (both bytes are kept, for Compile to read).
// An unmatched '{' or '}', nesting deeper than 64 or more than MaxExpansions
// results are errors. A pattern without braces expands to itself.
func ExpandBraces(pattern string) ([]string, error) {
	if !hasBrace(pattern) {
		return []string{pattern}, nil
	}
	pr := braceParser{src: pattern}
	seq, err := pr.sequence(0)
	if err != nil {
		return nil, err
	}
	if pr.pos < len(pattern) { // sequence(0) stops only at an unmatched '}'
		return nil, pr.fail(pr.pos, "unmatched '}'")
	}
	if seq.count() > MaxExpansions {
		return nil, pr.fail(0, fmt.Sprintf("expands to more than %d patterns", MaxExpansions))
	}
	budget := maxExpandedBytes
	out, ok := seq.expand("", nil, &budget)
	if !ok {
		return nil, pr.fail(0, fmt.Sprintf("expands to more than %d bytes", maxExpandedBytes))
	}
	return out, nil
}

func hasBrace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{', '}':
			return true
		}
	}
	return false
}

// braceSeq is a sequence of literal text and groups.
type braceSeq []braceItem

// braceItem is literal text (alts == nil) or a group of alternatives.
type braceItem struct {
	text    string
	alts    []braceSeq
	literal bool // a group without a comma: expand inside, keep the braces
}

type braceParser struct {
	src string
	pos int
}

func (p *braceParser) fail(off int, msg string) error {
	return &SyntaxError{Pattern: p.src, Offset: off, Msg: msg}
}

// sequence parses until the end, or (inside a group, depth > 0) until the
// ',' or '}' that ends the current alternative.
func (p *braceParser) sequence(depth int) (braceSeq, error) {
	var seq braceSeq
	start := p.pos
	flush := func() {
		if p.pos > start {
			seq = append(seq, braceItem{text: p.src[start:p.pos]})
		}
	}
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '\\':
			p.pos += 2
			if p.pos > len(p.src) {
				p.pos = len(p.src)
			}
		case ',':
			if depth > 0 {
				flush()
				return seq, nil
			}
			p.pos++
		case '}':
			flush()
			return seq, nil
		case '{':
			flush()
			item, err := p.group(depth + 1)
			if err != nil {
				return nil, err
			}
			seq = append(seq, item)
			start = p.pos
		default:
			p.pos++
		}
	}
	flush()
	return seq, nil
}

// group parses "{alt,alt,...}" starting at the '{'.
func (p *braceParser) group(depth int) (braceItem, error) {
	open := p.pos
	if depth > maxBraceDepth {
		return braceItem{}, p.fail(open, "braces nested too deeply")
	}
	p.pos++
	var item braceItem
	for {
		alt, err := p.sequence(depth)
		if err != nil {
			return braceItem{}, err
		}
		item.alts = append(item.alts, alt)
		if p.pos >= len(p.src) {
			return braceItem{}, p.fail(open, "unmatched '{'")
		}
		c := p.src[p.pos]
		p.pos++
		if c == '}' {
			break
		}
	}
	item.literal = len(item.alts) == 1
	return item, nil
}

// count returns the number of expansions, saturating above MaxExpansions.
func (s braceSeq) count() int {
	n := 1
	for _, it := range s {
		if it.alts == nil {
			continue
		}
		sum := 0
		for _, a := range it.alts {
			sum += a.count()
			if sum > MaxExpansions {
				sum = MaxExpansions + 1
			}
		}
		n *= sum
		if n > MaxExpansions {
			return MaxExpansions + 1
		}
	}
	return n
}

// expand appends prefix+x to out for every expansion x of s, in order. It
// charges each result's length to budget and fails once that runs out.
func (s braceSeq) expand(prefix string, out []string, budget *int) ([]string, bool) {
	if len(s) == 0 {
		*budget -= len(prefix)
		return append(out, prefix), *budget >= 0
	}
	it, rest := s[0], s[1:]
	if it.alts == nil {
		return rest.expand(prefix+it.text, out, budget)
	}
	open, closing := "", ""
	if it.literal {
		open, closing = "{", "}"
	}
	for _, a := range it.alts {
		// Expand the alternative on its own, then continue with the rest.
		alts, ok := a.expand("", nil, budget)
		if !ok {
			return nil, false
		}
		for _, x := range alts {
			var ok bool
			if out, ok = rest.expand(prefix+open+x+closing, out, budget); !ok {
				return nil, false
			}
		}
	}
	return out, true
}
