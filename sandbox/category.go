// This file defines the sandboxing categories and the names that select them in commands.

package sandbox

import (
	"iter"
	"strconv"
)

// Category is one path or network sandboxing category (spec 05 §2).
type Category uint8

// The categories, in Syd's order. NumCategories is their count.
const (
	CatStat Category = iota
	CatRead
	CatWrite
	CatExec
	CatIoctl
	CatCreate
	CatDelete
	CatRename
	CatSymlink
	CatTruncate
	CatChdir
	CatReaddir
	CatMkdir
	CatRmdir
	CatChown
	CatChgrp
	CatChmod
	CatChattr
	CatChroot
	CatUtime
	CatMkdev
	CatMkfifo
	CatMktemp
	CatNetBind
	CatNetConnect
	CatNetSendfd
	NumCategories // count, not a category
)

var categoryNames = [NumCategories]string{
	CatStat: "stat", CatRead: "read", CatWrite: "write", CatExec: "exec", CatIoctl: "ioctl",
	CatCreate: "create", CatDelete: "delete", CatRename: "rename", CatSymlink: "symlink",
	CatTruncate: "truncate", CatChdir: "chdir", CatReaddir: "readdir", CatMkdir: "mkdir",
	CatRmdir: "rmdir", CatChown: "chown", CatChgrp: "chgrp", CatChmod: "chmod", CatChattr: "chattr",
	CatChroot: "chroot", CatUtime: "utime", CatMkdev: "mkdev", CatMkfifo: "mkfifo", CatMktemp: "mktemp",
	CatNetBind: "net/bind", CatNetConnect: "net/connect", CatNetSendfd: "net/sendfd",
}

// String returns the category's name as written in commands, e.g. "net/connect".
func (c Category) String() string {
	if c < NumCategories {
		return categoryNames[c]
	}
	return "category(" + strconv.Itoa(int(c)) + ")"
}

// IsNet reports whether c is one of the network categories.
func (c Category) IsNet() bool { return c >= CatNetBind && c < NumCategories }

// ParseCategory parses the name of exactly one category: a canonical name, or
// an old name that maps to a single category ("net/send", "tmpfile"). Names
// that stand for several categories ("all", "net", "attr", "node") are
// accepted only in command key lists.
func ParseCategory(name string) (Category, bool) {
	set, ok := categoryAliases[name]
	if !ok || set.count() != 1 {
		return 0, false
	}
	for c := range set.all() {
		return c, true
	}
	return 0, false
}

// catSet is a set of categories as a bit mask.
type catSet uint32

const (
	pathCats catSet = 1<<CatNetBind - 1
	netCats  catSet = 1<<CatNetBind | 1<<CatNetConnect | 1<<CatNetSendfd
	allCats  catSet = pathCats | netCats
)

func catSetOf(cs ...Category) catSet {
	var s catSet
	for _, c := range cs {
		s |= 1 << c
	}
	return s
}

func (s catSet) has(c Category) bool { return s&(1<<c) != 0 }

func (s catSet) count() int {
	n := 0
	for range s.all() {
		n++
	}
	return n
}

// all yields the members in category order.
func (s catSet) all() iter.Seq[Category] {
	return func(yield func(Category) bool) {
		for c := range NumCategories {
			if s.has(c) && !yield(c) {
				return
			}
		}
	}
}

// categoryAliases maps every name accepted in a key's category list to the
// categories it selects: the canonical names, "all" (every path category),
// "net" (the three network categories), the Syd 3.28 names and the 3.38
// names mkbdev and mkcdev.
var categoryAliases = func() map[string]catSet {
	m := map[string]catSet{
		"all":      pathCats,
		"net":      netCats,
		"net/send": catSetOf(CatNetSendfd),
		"attr":     catSetOf(CatChmod, CatChattr, CatUtime),
		"node":     catSetOf(CatMkdev, CatMkfifo),
		"tmpfile":  catSetOf(CatMktemp),
		"mkbdev":   catSetOf(CatMkdev), // Syd 3.38 split mkdev; both halves are mkdev here
		"mkcdev":   catSetOf(CatMkdev),
	}
	for c := range NumCategories {
		m[c.String()] = catSetOf(c)
	}
	return m
}()
