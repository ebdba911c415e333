// record.go: reading syd's log. Every line that is a JSON object with
// "ctx":"access" is an access record; any other line (the command's own output,
// syd's other messages, half-written lines) is skipped.

package pandora

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// Record is the part of one access record pandora uses (01-cli.md §5).
type Record struct {
	Ctx  string `json:"ctx"`
	Cap  string `json:"cap"`  // category: "read", "net/connect", ..., or "force", "tpe"
	Act  string `json:"act"`  // "warn" under syd -x; "deny" etc. for explicit rules and hardening
	Sys  string `json:"sys"`  // system call
	Path string `json:"path"` // canonical path (path categories)
	Addr string `json:"addr"` // IP!PORT (network categories)
	Unix string `json:"unix"` // UNIX socket path or @abstract name (network categories)
	Pid  int    `json:"pid"`
	Tip  string `json:"tip"` // "configure `allow/read+/etc/passwd'" or a hardening option
}

// maxLine bounds one log line; longer lines are skipped.
const maxLine = 1 << 20

// ParseRecord parses one log line. ok is false when the line is not a JSON
// object with "ctx":"access". Fields of an unexpected type are left empty
// rather than dropping the record.
func ParseRecord(line []byte) (r Record, ok bool) {
	line = bytes.TrimSpace(line)
	if len(line) < 2 || line[0] != '{' {
		return Record{}, false
	}
	if err := json.Unmarshal(line, &r); err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			return Record{}, false
		}
	}
	return r, r.Ctx == "access"
}

// Scan reads r to the end and calls fn for every access record, in order. It
// returns how many non-empty lines it skipped, and the first read error.
func Scan(r io.Reader, fn func(Record)) (skipped int, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var long []byte // a line longer than the buffer, being assembled
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if !tooLong && len(long)+len(chunk) <= maxLine {
				long = append(long, chunk...)
			} else {
				tooLong, long = true, long[:0]
			}
			continue
		}
		line := chunk
		if len(long) > 0 || tooLong {
			if !tooLong && len(long)+len(chunk) <= maxLine {
				line = append(long, chunk...)
			} else {
				tooLong = true
			}
		}
		switch {
		case tooLong:
			skipped++
		case len(bytes.TrimSpace(line)) == 0:
		default:
			if rec, ok := ParseRecord(line); ok {
				fn(rec)
			} else {
				skipped++
			}
		}
		long, tooLong = long[:0], false
		if err != nil {
			if err == io.EOF {
				return skipped, nil
			}
			return skipped, err
		}
	}
}
