// static_test.go: the range cover of the static layer is exact.
package filter

import (
	"math/rand/v2"
	"testing"
)

func covered(bs []ArgMask, v uint64) int {
	n := 0
	for _, b := range bs {
		if v&b.Mask == b.Value {
			n++
		}
	}
	return n
}

func TestBlocksCoverTheRangeExactlyOnce(t *testing.T) {
	ranges := [][2]uint64{{0, 0}, {0, 127}, {1, 7}, {9, 0x1ffff}, {17, 22}, {128, 1<<32 - 1},
		{5, 5}, {1<<64 - 2, 1<<64 - 1}, {0, 1<<64 - 1}, {3, 1<<64 - 1}}
	for _, r := range ranges {
		bs := Blocks(0, r[0], r[1])
		probe := []uint64{r[0], r[1], r[0] - 1, r[1] + 1, r[0] + 1, r[1] - 1}
		for range 2000 {
			probe = append(probe, r[0]+rand.Uint64N(r[1]-r[0]+1|1))
		}
		for _, v := range probe {
			in := v >= r[0] && v <= r[1]
			if n := covered(bs, v); (in && n != 1) || (!in && n != 0) {
				t.Fatalf("[%#x, %#x]: %#x covered %d times (%d blocks)", r[0], r[1], v, n, len(bs))
			}
		}
	}
}
