package pandora

import (
	"strings"
	"testing"
)

const sampleRecord = `{"time":"20261207T184932Z","level":"warn","msg":"access","syd":17867,"ctx":"access","cap":"write","act":"warn","sys":"openat","path":"/tmp/x/file","pid":17883,"uid":1000,"cmd":"sh -c ...","cwd":"/tmp/x","tip":"configure ` + "`allow/write+/tmp/x/file'" + `"}`

func TestParseRecord(t *testing.T) {
	r, ok := ParseRecord([]byte(sampleRecord + "\n"))
	if !ok {
		t.Fatal("sample record not parsed")
	}
	want := Record{Ctx: "access", Cap: "write", Act: "warn", Sys: "openat", Path: "/tmp/x/file", Pid: 17883,
		Tip: "configure `allow/write+/tmp/x/file'"}
	if r != want {
		t.Errorf("got %+v\nwant %+v", r, want)
	}

	net, ok := ParseRecord([]byte(`{"ctx":"access","cap":"net/connect","act":"warn","addr":"::1!80","ipv":6,"extra":{"nested":[1,2]}}`))
	if !ok || net.Addr != "::1!80" || net.Cap != "net/connect" {
		t.Errorf("network record: %+v %v", net, ok)
	}
	// A field of an unexpected type is left empty; the record stays.
	odd, ok := ParseRecord([]byte(`{"ctx":"access","cap":"read","act":"warn","path":"/etc/x","pid":"123"}`))
	if !ok || odd.Path != "/etc/x" || odd.Pid != 0 {
		t.Errorf("record with a string pid: %+v %v", odd, ok)
	}

	for _, junk := range []string{
		"",
		"hello world",
		"syd: exec error: Permission denied",
		`{"ctx":"access"`, // cut short
		`{"ctx":"access","cap":"read"} trailing`,
		`[{"ctx":"access"}]`,
		`"ctx":"access"`,
		`{"level":"warn","msg":"startup","ctx":"run"}`,
		`{"cap":"read","act":"warn","path":"/etc/x"}`, // no ctx
		`{"ctx":"access",}`,
		"\x00\xff{",
	} {
		if r, ok := ParseRecord([]byte(junk)); ok {
			t.Errorf("%q parsed as a record: %+v", junk, r)
		}
	}
}

func TestScanSkipsJunk(t *testing.T) {
	long := `{"ctx":"access","cap":"read","act":"warn","path":"/` + strings.Repeat("a", maxLine) + `"}`
	mid := `{"ctx":"access","cap":"read","act":"warn","path":"/` + strings.Repeat("b", 100<<10) + `"}`
	input := strings.Join([]string{
		"some output of the command",
		sampleRecord,
		"",
		"   ",
		long, // longer than a line may be: skipped, and the next line is read whole
		mid,  // longer than the reader's buffer, shorter than the limit
		"{broken",
		sampleRecord + "\r",
		`{"ctx":"access","cap":"exec","act":"warn","path":"/usr/bin/true"}`, // no newline at the end
	}, "\n")
	var got []Record
	skipped, err := Scan(strings.NewReader(input), func(r Record) { got = append(got, r) })
	if err != nil {
		t.Fatal(err)
	}
	if skipped != 3 {
		t.Errorf("skipped %d lines, want 3", skipped)
	}
	if len(got) != 4 {
		t.Fatalf("got %d records, want 4: %+v", len(got), got)
	}
	if got[0].Path != "/tmp/x/file" || len(got[1].Path) != 1+100<<10 || got[2].Path != "/tmp/x/file" || got[3].Path != "/usr/bin/true" {
		t.Errorf("records: %q %d %q %q", got[0].Path, len(got[1].Path), got[2].Path, got[3].Path)
	}
}
