package handlers

import "testing"

func TestMapsPath(t *testing.T) {
	for line, want := range map[string]string{
		"7f00-7f01 r-xp 00001000 08:01 1234                       /usr/lib/libc.so.6": "/usr/lib/libc.so.6",
		"7f00-7f01 r-xp 00000000 00:2a 99 /tmp/a  b (deleted)":                        "/tmp/a  b (deleted)",
		"7f00-7f01 rw-p 00000000 00:00 0 ":                                            "",
		"7f00-7f01 rw-p 00000000 00:00 0":                                             "",
	} {
		if got := mapsPath([]byte(line)); got != want {
			t.Errorf("mapsPath(%q) = %q, want %q", line, got, want)
		}
	}
}
