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
	out, ok := seq.expand()
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

// expand returns every expansion of s in order. Strings only grow as items
// are appended, so a partial result over maxExpandedBytes means the final one
// would be too; the size is checked before each step is built. The count was
// bounded by the caller, and partial results never outnumber final ones.
func (s braceSeq) expand() ([]string, bool) {
	out := []string{""}
	for _, it := range s {
		alts := []string{it.text}
		if it.alts != nil {
			alts = alts[:0]
			for _, a := range it.alts {
				xs, ok := a.expand()
				if !ok {
					return nil, false
				}
				for _, x := range xs {
					if it.literal {
						x = "{" + x + "}"
					}
					alts = append(alts, x)
				}
			}
		}
		if len(alts)*total(out)+len(out)*total(alts) > maxExpandedBytes {
			return nil, false
		}
		next := make([]string, 0, len(out)*len(alts))
		for _, o := range out {
			for _, x := range alts {
				next = append(next, o+x)
			}
		}
		out = next
	}
	return out, true
}

func total(ss []string) int {
	n := 0
	for _, s := range ss {
		n += len(s)
	}
	return n
}
