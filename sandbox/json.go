// This file renders a Policy as the JSON state document that reading /dev/syd returns.

package sandbox

import (
	"strconv"
	"unicode/utf8"
)

// apiVersion is the version of the command language (spec 02 §2).
const apiVersion = 3

// MarshalJSON renders the state document described in the package comment.
// Keys come in a fixed order, so equal policies give equal bytes.
func (p *Policy) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 1024)
	b = append(b, `{"api":`...)
	b = strconv.AppendInt(b, apiVersion, 10)
	b = append(b, `,"lock":`...)
	b = appendJSONString(b, p.lock.String())
	b = append(b, `,"sandbox":{`...)
	for c := range NumCategories {
		if c > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, c.String())
		b = append(b, ':')
		b = strconv.AppendBool(b, p.enabled.has(c))
	}
	b = append(b, `},"default":{`...)
	for c := range NumCategories {
		if c > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, c.String())
		b = append(b, ':')
		b = appendJSONString(b, p.defaults[c].String())
	}
	b = append(b, `},"rules":[`...)
	first := true
	for c := range NumCategories {
		for _, r := range p.rules[c] {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, `{"act":`...)
			b = appendJSONString(b, r.act.String())
			b = append(b, `,"cap":`...)
			b = appendJSONString(b, c.String())
			b = append(b, `,"pat":`...)
			b = appendJSONString(b, r.pat)
			b = append(b, '}')
		}
	}
	b = append(b, "]}"...)
	return b, nil
}

// appendJSONString appends s as a JSON string. Bytes that are not valid UTF-8
// become U+FFFD, as encoding/json does, since paths need not be UTF-8.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c == '\t':
				b = append(b, `\t`...)
			case c < 0x20 || c == 0x7f:
				b = append(b, `\u00`...)
				b = append(b, hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
