package pandora

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestHashFiles(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	abc := filepath.Join(dir, "abc")
	fifo := filepath.Join(dir, "fifo")
	unreadable := filepath.Join(dir, "unreadable")
	for name, data := range map[string]string{empty: "", abc: "abc", unreadable: "x"} {
		if err := os.WriteFile(name, []byte(data), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(unreadable, 0o111); err != nil {
		t.Fatal(err)
	}
	paths := []string{empty, abc, dir, fifo, filepath.Join(dir, "missing"), "/proc/self/exe", unreadable}
	sums := HashFiles(paths, 4)
	if len(sums) != len(paths) {
		t.Fatalf("%d sums for %d paths", len(sums), len(paths))
	}
	// FIPS 202 test vectors.
	if sums[0].Hex != "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a615b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26" {
		t.Errorf("sha3-512(\"\") = %s", sums[0].Hex)
	}
	if sums[1].Hex != "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0" {
		t.Errorf("sha3-512(\"abc\") = %s", sums[1].Hex)
	}
	if !errors.Is(sums[2].Err, errNotRegular) || !errors.Is(sums[3].Err, errNotRegular) {
		t.Errorf("directory / fifo: %v / %v", sums[2].Err, sums[3].Err)
	}
	if !errors.Is(sums[4].Err, os.ErrNotExist) || sums[5].Err == nil {
		t.Errorf("missing / proc: %v / %v", sums[4].Err, sums[5].Err)
	}
	if os.Geteuid() != 0 && sums[6].Err == nil {
		t.Error("unreadable file hashed")
	}
	for i, s := range sums {
		if s.Path != paths[i] || (s.Err == nil) == (s.Hex == "") {
			t.Errorf("%d: %+v", i, s)
		}
	}
	if got := HashFiles(nil, 0); len(got) != 0 {
		t.Errorf("no paths: %v", got)
	}
}
