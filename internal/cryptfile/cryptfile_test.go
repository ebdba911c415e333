package cryptfile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

func roundTrip(t *testing.T, k Keys, plain []byte) []byte {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := Encrypt(k, f, bytes.NewReader(plain))
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(HeaderSize+len(plain)) {
		t.Fatalf("Encrypt wrote %d bytes, want %d", n, HeaderSize+len(plain))
	}
	disk, _ := os.ReadFile(f.Name())
	var out bytes.Buffer
	if err := Decrypt(k, &out, f, n); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), plain) {
		t.Fatalf("round trip of %d bytes changed them", len(plain))
	}
	return disk
}

// TestRoundTrip: sizes around the chunk and block sizes come back unchanged; the
// file holds no plaintext, and two encryptions of the same text differ.
func TestRoundTrip(t *testing.T) {
	k, err := ParseKey(testKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1, 15, 16, 17, chunk - 1, chunk, chunk + 1, 3*chunk + 7} {
		plain := bytes.Repeat([]byte("secret plaintext "), n/17+1)[:n]
		disk := roundTrip(t, k, plain)
		if n >= 16 && bytes.Contains(disk, plain[:16]) {
			t.Errorf("%d bytes: plaintext on disk", n)
		}
		if n > 0 && bytes.Equal(disk, roundTrip(t, k, plain)) {
			t.Errorf("%d bytes: two encryptions are equal (IV reused)", n)
		}
	}
}

// TestWrongKeyAndTampering: a wrong key, a flipped bit, a cut file and a foreign
// file give an error and not a byte of output.
func TestWrongKeyAndTampering(t *testing.T) {
	k, _ := ParseKey(testKey)
	other, _ := ParseKey(strings.Repeat("ab", 32))
	plain := []byte("the quick brown fox jumps over the lazy dog")
	disk := roundTrip(t, k, plain)
	flipped := append([]byte(nil), disk...)
	flipped[len(flipped)-1] ^= 1
	for _, c := range []struct {
		name string
		keys Keys
		data []byte
		want error
	}{
		{"wrong key", other, disk, ErrAuth},
		{"flipped bit", k, flipped, ErrAuth},
		{"cut short", k, disk[:HeaderSize-1], ErrFormat},
		{"cut body", k, disk[:len(disk)-3], ErrAuth},
		{"plain file", k, []byte(strings.Repeat("not encrypted at all ", 4)), ErrFormat},
	} {
		var out bytes.Buffer
		err := Decrypt(c.keys, &out, bytes.NewReader(c.data), int64(len(c.data)))
		if err != c.want {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if out.Len() != 0 {
			t.Errorf("%s: %d bytes of output", c.name, out.Len())
		}
	}
}

func TestParseKey(t *testing.T) {
	for _, bad := range []string{"", "00", strings.Repeat("zz", 32), strings.Repeat("00", 31), strings.Repeat("00", 33)} {
		if _, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) accepted", bad)
		}
	}
}
