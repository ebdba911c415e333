// profile.go: folding access records into a profile: allow patterns per
// category, the executables to checksum, and the hardening options that
// refused something (suggestions, never rules).

package pandora

import (
	"slices"
	"strings"

	"syd/sandbox"
)

// Profile collects what a run did. Add it records one at a time; it is not
// safe for concurrent use.
type Profile struct {
	norm  Normalizer
	rules [sandbox.NumCategories]map[string]struct{}
	execs map[string]struct{}
	sugg  map[string]*Suggestion
	order []string // suggestion tips in the order first seen
	Stats Stats
}

// Stats counts the records a Profile was given.
type Stats struct {
	Accesses int // access records read
	Warn     int // of them with act "warn": the ones rules are made from
	Other    int // any other action (explicit deny rules, hardening refusals, ...)
	Skipped  int // lines that were not access records
	Unusable int // warn records that give no rule: other kinds (force, tpe), no usable path
}

// Suggestion is a hardening option syd named in a tip: the access it would
// have allowed is not something a rule can allow.
type Suggestion struct {
	Tip   string // e.g. "trace/allow_unsafe_nopie:1"
	Sys   string // the first call it refused
	Path  string // and its path or address
	Count int    // how many records named it
}

// NewProfile returns an empty profile that normalises paths with norm.
func NewProfile(norm Normalizer) *Profile {
	p := &Profile{norm: norm, execs: map[string]struct{}{}, sugg: map[string]*Suggestion{}}
	for i := range p.rules {
		p.rules[i] = map[string]struct{}{}
	}
	return p
}

// tipPrefix starts the tip of an access that an allow rule permits.
const tipPrefix = "configure `"

// Add folds one access record into the profile.
func (p *Profile) Add(r Record) {
	p.Stats.Accesses++
	if r.Act == "warn" {
		p.Stats.Warn++
	} else {
		p.Stats.Other++
	}
	tip := strings.TrimSuffix(strings.TrimPrefix(r.Tip, tipPrefix), "'")
	if tip != "" && !strings.HasPrefix(tip, "allow/") {
		// A hardening refusal, or the tip of a check pandora configures itself
		// (force: pandora writes the checksums).
		if r.Cap != "force" {
			p.suggest(tip, r)
		}
		if r.Act == "warn" {
			p.Stats.Unusable++
		}
		return
	}
	if r.Act != "warn" {
		return
	}
	cat, ok := sandbox.ParseCategory(r.Cap)
	if !ok {
		p.Stats.Unusable++
		return
	}
	var pat string
	switch {
	case cat.IsNet() && r.Addr != "":
		pat, ok = r.Addr, validAddr(r.Addr)
	case cat.IsNet():
		target := r.Unix
		if target == "" {
			target = r.Path
		}
		pat, ok = p.norm.Unix(target)
	default:
		pat, ok = p.norm.Path(r.Path, r.Pid, tipPath(tip, cat), cat == sandbox.CatExec)
	}
	if !ok {
		p.Stats.Unusable++
		return
	}
	p.rules[cat][pat] = struct{}{}
	if cat == sandbox.CatExec {
		p.execs[r.Path] = struct{}{}
	}
}

// validAddr accepts an IP!PORT address as logged: no white space, no
// character a .syd-3 line would expand or treat as a comment.
func validAddr(a string) bool {
	return a != "" && !strings.ContainsAny(a, " \t\n\r$#\\{}") && a[0] != '/' && a[0] != '@'
}

// tipPath returns the path of an "allow/<cat>+<pattern>" tip with its escapes
// removed, "" if the tip is of another form.
func tipPath(tip string, cat sandbox.Category) string {
	pat, ok := strings.CutPrefix(tip, "allow/"+cat.String()+"+")
	if !ok {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(pat); i++ {
		if pat[i] == '\\' && i+1 < len(pat) {
			i++
		} else if strings.IndexByte("*?[]{}", pat[i]) >= 0 {
			return "" // a pattern, not a path
		}
		b.WriteByte(pat[i])
	}
	return b.String()
}

func (p *Profile) suggest(tip string, r Record) {
	s := p.sugg[tip]
	if s == nil {
		target := r.Path
		if target == "" {
			target = r.Addr + r.Unix
		}
		s = &Suggestion{Tip: tip, Sys: r.Sys, Path: target}
		p.sugg[tip] = s
		p.order = append(p.order, tip)
	}
	s.Count++
}

// Rules returns how many distinct patterns the profile holds so far (before
// the ones covered by a broader pattern are dropped).
func (p *Profile) Rules() int {
	n := 0
	for _, set := range p.rules {
		n += len(set)
	}
	return n
}

// Executables returns the paths of the executables seen, sorted.
func (p *Profile) Executables() []string {
	out := make([]string, 0, len(p.execs))
	for e := range p.execs {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// Suggestions returns the hardening options named by tips, in the order first seen.
func (p *Profile) Suggestions() []Suggestion {
	out := make([]Suggestion, len(p.order))
	for i, tip := range p.order {
		out[i] = *p.sugg[tip]
	}
	return out
}

// Patterns returns the sorted patterns of category c, without those a broader
// "X/***" pattern of c already matches.
func (p *Profile) Patterns(c sandbox.Category) []string {
	set := p.rules[c]
	out := make([]string, 0, len(set))
	for pat := range set {
		if !covered(set, pat) {
			out = append(out, pat)
		}
	}
	slices.Sort(out)
	return out
}

// covered reports whether a tree pattern "A/***" other than pat in set matches
// everything pat matches: A is pat itself (pat without "/***") or one of its
// parent directories. Only whole components are compared, so "/a/***" covers
// "/a" and "/a/b" but not "/ab".
func covered(set map[string]struct{}, pat string) bool {
	base, isTree := strings.CutSuffix(pat, "/***")
	if !isTree {
		if _, ok := set[pat+"/***"]; ok {
			return true
		}
	}
	if pat == "/" {
		return false
	}
	for dir := base; ; {
		i := strings.LastIndexByte(dir, '/')
		if i < 0 {
			return false
		}
		dir = dir[:i]
		if _, ok := set[dir+"/***"]; ok {
			return true
		}
		if dir == "" {
			return false
		}
	}
}
