package man

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"syd/cli"
	"syd/sandbox"
	"syd/sandbox/netaddr"
)

// pages are the manual pages, by source file.
var pages = []string{"syd.1.scd", "syd.2.scd", "syd.5.scd", "syd.7.scd", "pandora.1.scd"}

// page returns the text of a page source with scdoc's backslash escapes
// removed ("allow\_unsafe" reads "allow_unsafe", "\*\*\*" reads "***"), so
// that names can be searched for as they are written in commands.
func page(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("reading the page source: %v", err)
	}
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
		}
		out.WriteByte(b[i])
	}
	return out.String()
}

// termEnds are the bytes that may follow a documented term written in bold:
// "*reset*", "*lock:*<state>", "*allow/lock/read+*<path>", "*sandbox/*<cats>",
// "*cmd/exec!*", "*-m* <command>", "*--profile=*<name>".
const termEnds = "*:+-^!?/, ="

// bold reports whether term appears in src as a term in bold: right after a
// '*' and followed by the end of the bold text or by an operator.
func bold(src, term string) bool {
	for rest := src; ; {
		i := strings.Index(rest, "*"+term)
		if i < 0 {
			return false
		}
		rest = rest[i+1+len(term):]
		if rest != "" && strings.IndexByte(termEnds, rest[0]) >= 0 {
			return true
		}
	}
}

// defTerm reports whether term is a term of a definition list in src: bold
// (see bold) on a line that is not indented and is followed by an indented
// line, as scdoc writes "*-m* _command_" followed by a tab-indented paragraph.
func defTerm(src, term string) bool {
	lines := strings.Split(src, "\n")
	for i, line := range lines[:len(lines)-1] {
		if line != "" && line[0] != '\t' && strings.HasPrefix(lines[i+1], "\t") && bold(line, term) {
			return true
		}
	}
	return false
}

// keyByte reports whether c can be part of a command key or variable name.
func keyByte(c byte) bool {
	return c == '_' || c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// word reports whether term appears in src as a whole word: not preceded or
// followed by a byte that could continue it.
func word(src, term string) bool {
	for off := 0; ; {
		i := strings.Index(src[off:], term)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(term)
		if (i == 0 || !keyByte(src[i-1])) && (end == len(src) || !keyByte(src[end])) {
			return true
		}
		off = i + 1
	}
}

// missing collects what a page lacks and reports it all at once.
type missing struct {
	t     *testing.T
	items []string
}

func (m *missing) check(ok bool, format string, args ...any) {
	if !ok {
		m.items = append(m.items, "  "+strings.TrimSpace(fmt.Sprintf(format, args...)))
	}
}

func (m *missing) report(what string) {
	m.t.Helper()
	if len(m.items) > 0 {
		m.t.Errorf("%s: %d missing:\n%s", what, len(m.items), strings.Join(m.items, "\n"))
	}
}

// --- the sources the lists are derived from ---------------------------------

// goFiles parses the non-test Go files of dir (relative to the module root).
func goFiles(t *testing.T, dir string) []*ast.File {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("parsing %s: %v", name, err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	return files
}

// valueOf returns the value expression of the package-level var or const name.
func valueOf(t *testing.T, files []*ast.File, name string) ast.Expr {
	t.Helper()
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range g.Specs {
				vs, ok := s.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, n := range vs.Names {
					if n.Name == name && i < len(vs.Values) {
						return vs.Values[i]
					}
				}
			}
		}
	}
	t.Fatalf("no package-level %s found: the sandbox package changed, update man_test.go to find the list again", name)
	return nil
}

func unquote(t *testing.T, lit *ast.BasicLit) string {
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		t.Fatalf("bad string literal %s: %v", lit.Value, err)
	}
	return s
}

// mapKeys returns the string keys of every map literal inside the value of
// the var name (the literal itself, or one built in a func literal).
func mapKeys(t *testing.T, files []*ast.File, name string) []string {
	t.Helper()
	var keys []string
	ast.Inspect(valueOf(t, files, name), func(n ast.Node) bool {
		cl, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		if _, isMap := cl.Type.(*ast.MapType); !isMap {
			return true
		}
		for _, e := range cl.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if lit, ok := kv.Key.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					keys = append(keys, unquote(t, lit))
				}
			}
		}
		return true
	})
	if len(keys) == 0 {
		t.Fatalf("no map keys found in %s: update man_test.go", name)
	}
	return keys
}

// stringLits returns every string literal inside the value of the var or
// const name.
func stringLits(t *testing.T, files []*ast.File, name string) []string {
	t.Helper()
	var out []string
	ast.Inspect(valueOf(t, files, name), func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			out = append(out, unquote(t, lit))
		}
		return true
	})
	if len(out) == 0 {
		t.Fatalf("no strings found in %s: update man_test.go", name)
	}
	return out
}

// funcDecl returns the function or method name (with receiver type recv, ""
// for a function).
func funcDecl(t *testing.T, files []*ast.File, recv, name string) *ast.FuncDecl {
	t.Helper()
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != name {
				continue
			}
			got := ""
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				typ := fd.Recv.List[0].Type
				if st, ok := typ.(*ast.StarExpr); ok {
					typ = st.X
				}
				if id, ok := typ.(*ast.Ident); ok {
					got = id.Name
				}
			}
			if got == recv {
				return fd
			}
		}
	}
	t.Fatalf("no func %s (receiver %q) found: update man_test.go", name, recv)
	return nil
}

// caseStrings returns the string literals of the case clauses in fn.
func caseStrings(t *testing.T, fn *ast.FuncDecl) []string {
	var out []string
	ast.Inspect(fn, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CaseClause); ok {
			for _, e := range cc.List {
				if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					out = append(out, unquote(t, lit))
				}
			}
		}
		return true
	})
	return out
}

// cutPrefixArgs returns the prefixes fn passes to strings.CutPrefix.
func cutPrefixArgs(t *testing.T, fn *ast.FuncDecl) []string {
	var out []string
	ast.Inspect(fn, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "CutPrefix" {
			if lit, ok := call.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				out = append(out, strings.TrimSpace(unquote(t, lit)))
			}
		}
		return true
	})
	return out
}

// envReads returns the environment variables the non-test Go files under
// dirs read by name (os.Getenv("X"), os.LookupEnv("X")).
func envReads(t *testing.T, dirs ...string) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, dir := range dirs {
		root := filepath.Join("..", dir)
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || (sel.Sel.Name != "Getenv" && sel.Sel.Name != "LookupEnv") {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "os" {
					return true
				}
				if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					seen[unquote(t, lit)] = true
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatalf("reading %s: %v", root, err)
		}
	}
	out := make([]string, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// sydOutput runs syd's command line in-process (cli.Run) and returns its
// standard output.
func sydOutput(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := cli.Run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("syd %s: exit status %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// section returns the lines of text from the line that starts with heading
// to the next line that starts with no space (the next heading).
func section(text, heading string) []string {
	var out []string
	in := false
	for line := range strings.SplitSeq(text, "\n") {
		switch {
		case strings.HasPrefix(line, heading):
			in = true
		case in && line != "" && line[0] != ' ':
			return out
		case in:
			out = append(out, line)
		}
	}
	return out
}

var (
	optionRe  = regexp.MustCompile(`(?:^|[ ,|])(--?[A-Za-z][A-Za-z-]*)`)
	envRe     = regexp.MustCompile(`\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b`)
	clusterRe = regexp.MustCompile(`\[-([A-Za-z]+)\]`)
	traceRe   = regexp.MustCompile(`trace/([a-z0-9_]+)(\*?)`)
)

// helpOptions returns the options of a help text's option column: the first
// column of the lines of section heading that start with two spaces and '-'.
func helpOptions(text, heading string) []string {
	var out []string
	for _, line := range section(text, heading) {
		if !strings.HasPrefix(line, "  -") {
			continue
		}
		col := strings.TrimSpace(line)
		if i := strings.Index(col, "  "); i >= 0 {
			col = col[:i]
		}
		for _, m := range optionRe.FindAllStringSubmatch(col, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// --- (a) syd.1: every option and environment variable ------------------------

func TestSydOptionsDocumented(t *testing.T) {
	help := sydOutput(t, "-h")
	src := page(t, "syd.1.scd")
	m := &missing{t: t}

	opts := helpOptions(help, "Options:")
	if len(opts) < 15 {
		t.Fatalf("found only %d options in the help text (%v): the layout of syd -h changed, update helpOptions", len(opts), opts)
	}
	for _, c := range clusterRe.FindAllStringSubmatch(help, -1) {
		for _, letter := range c[1] {
			opts = append(opts, "-"+string(letter))
		}
	}
	slices.Sort(opts)
	for _, o := range slices.Compact(opts) {
		m.check(defTerm(src, o), "option %s (syd -h): document it in man/syd.1.scd OPTIONS as *%s*", o, o)
	}
	for _, line := range section(help, "Usage:") {
		for _, f := range strings.Fields(line) {
			if strings.HasPrefix(f, "--") {
				m.check(bold(src, f), "synopsis form %s (syd -h Usage): add it to man/syd.1.scd SYNOPSIS", f)
			}
		}
	}

	vars := envRe.FindAllString(strings.Join(section(help, "Environment:"), "\n"), -1)
	if len(vars) == 0 {
		t.Fatalf("no environment variables found in the help text's Environment: section")
	}
	vars = append(vars, envReads(t, "cli", "supervisor", "sandbox", filepath.Join("internal", "auditlog"), "magic")...)
	slices.Sort(vars)
	for _, v := range slices.Compact(vars) {
		m.check(defTerm(src, v), "environment variable %s (syd -h or os.Getenv in the code): document it in man/syd.1.scd ENVIRONMENT as *%s*", v, v)
	}
	m.report("man/syd.1.scd")
}

// --- (b) syd.5, syd.2, syd.7: every command the parser accepts ---------------

// accepted reports whether err is not the parser's refusal of an unknown name.
func accepted(err error) bool {
	return err == nil || !strings.Contains(err.Error(), "unknown ")
}

func apply(cmd string) error { return sandbox.New().Apply(cmd) }

func TestCommandsDocumented(t *testing.T) {
	sb := goFiles(t, "sandbox")
	syd5, syd2, syd7 := page(t, "syd.5.scd"), page(t, "syd.2.scd"), page(t, "syd.7.scd")
	m := &missing{t: t}
	wrong := &missing{t: t}

	// Standalone keys (exactKeys) and trace options (flagByName plus every Flag).
	exact := mapKeys(t, sb, "exactKeys")
	if !slices.Contains(exact, "lock") || !slices.Contains(exact, "mem/max") {
		t.Fatalf("exactKeys from sandbox/command.go lacks lock or mem/max (%v): update man_test.go", exact)
	}
	flags := mapKeys(t, sb, "flagByName")
	for f := sandbox.Flag(0); f < sandbox.NoFlag; f++ {
		name := f.String()
		if strings.HasPrefix(name, "flag(") {
			break
		}
		flags = append(flags, name)
	}
	for _, f := range flags {
		exact = append(exact, "trace/"+f)
	}
	slices.Sort(exact)
	for _, k := range slices.Compact(exact) {
		wrong.check(accepted(apply(k)), "the parser does not know %q, which man_test.go derived from sandbox/command.go", k)
		m.check(defTerm(syd5, k), "command %s: document it in man/syd.5.scd COMMANDS as *%s...*", k, k)
	}

	// Key families: sandbox/, default/, unshare/, load/ and one rule list per action.
	families := mapKeys(t, sb, "familyKeys")
	var actions []string
	for a := sandbox.Action(0); a < 255; a++ {
		name := a.String()
		if strings.HasPrefix(name, "action(") {
			break
		}
		actions = append(actions, name)
		if _, ok := sandbox.ParseAction(name); !ok {
			wrong.check(false, "sandbox.ParseAction does not accept %q", name)
		}
		families = append(families, name)
	}
	for _, fam := range families {
		m.check(bold(syd5, fam+"/"), "key family %s/: document it in man/syd.5.scd COMMANDS as *%s/*...", fam, fam)
	}
	for _, a := range actions {
		wrong.check(apply(a+"/read+/x") == nil, "%s/read+/x is refused", a)
		m.check(defTerm(syd7, a), "action %s: document it in man/syd.7.scd ACTIONS as *%s*", a, a)
	}

	// Categories, their aliases and the features (syd.7).
	var cats []string
	for c := range sandbox.NumCategories {
		cats = append(cats, c.String())
	}
	aliases := mapKeys(t, sb, "categoryAliases")
	for _, c := range append(slices.Clone(cats), aliases...) {
		err := apply("sandbox/" + c + "?")
		wrong.check(err == nil || errors.Is(err, syscall.ENOENT) || accepted(err), "sandbox/%s? is refused: %v", c, err)
		if slices.Contains(cats, c) {
			m.check(defTerm(syd7, c), "category %s: document it in man/syd.7.scd CATEGORIES as *%s* with what it covers", c, c)
		} else {
			m.check(bold(syd7, c), "category name %s: document it in man/syd.7.scd CATEGORIES as *%s*", c, c)
		}
	}
	for f := range sandbox.NumFeatures {
		name := f.String()
		wrong.check(accepted(apply("sandbox/"+name+"?")) || accepted(apply("default/"+name+":deny")), "feature %s is refused", name)
		m.check(defTerm(syd7, name), "feature %s: document it in man/syd.7.scd (Special categories) as *%s*", name, name)
	}

	// Lock states (syd.2).
	for l := sandbox.LockState(0); l < 255; l++ {
		name := l.String()
		if strings.HasPrefix(name, "lock(") {
			continue
		}
		wrong.check(accepted(apply("lock:"+name)), "lock:%s is refused", name)
		m.check(defTerm(syd2, name), "lock state %s: document it in man/syd.2.scd LOCK as *%s*", name, name)
	}
	m.check(bold(syd2, sandbox.LockUnset.String()), "lock state %s: document it in man/syd.2.scd", sandbox.LockUnset)

	// Namespaces, Landlock lists, bind options, hash algorithms (syd.5).
	for _, ns := range append(stringLits(t, sb, "namespaceNames"), "all") {
		wrong.check(accepted(apply("unshare/"+ns+"?")), "unshare/%s? is refused", ns)
		m.check(bold(syd5, ns), "namespace %s: document it in man/syd.5.scd (unshare/) as *%s*", ns, ns)
	}
	for _, l := range caseStrings(t, funcDecl(t, sb, "", "landlockFamily")) {
		k := "allow/lock/" + l
		wrong.check(accepted(apply(k+"+/tmp")) || accepted(apply(k+"+1024")), "%s is refused", k)
		m.check(defTerm(syd5, k), "Landlock list %s: document it in man/syd.5.scd as *%s+*...", k, k)
	}
	for _, opt := range mapKeys(t, sb, "mountFlags") {
		wrong.check(accepted(apply("bind+/a:/b:"+opt)), "bind option %s is refused", opt)
		m.check(bold(syd5, opt), "bind option %s: document it in man/syd.5.scd (bind+) as *%s*", opt, opt)
	}
	for _, alg := range stringLits(t, sb, "hashAlgorithms") {
		m.check(word(syd5, alg), "force hash algorithm %s: name it in man/syd.5.scd (force+)", alg)
	}
	for _, op := range stringLits(t, sb, "operators")[0] {
		m.check(bold(syd5, string(op)), "operator %q: document it in man/syd.5.scd COMMAND SYNTAX as *%c*", op, op)
	}

	// The lines only configuration files take (include, include_profile).
	fileOnly := cutPrefixArgs(t, funcDecl(t, sb, "loader", "line"))
	if len(fileOnly) < 2 {
		t.Fatalf("found %v as the file-only lines of (*loader).line: update man_test.go", fileOnly)
	}
	for _, k := range fileOnly {
		wrong.check(apply(k+" x") != nil, "%q is accepted outside files", k)
		m.check(defTerm(syd5, k), "file line %s: document it in man/syd.5.scd CONFIGURATION FILES as *%s*", k, k)
	}

	// Network address aliases (syd.7).
	var nets []string
	for _, s := range stringLits(t, goFiles(t, "sandbox/netaddr"), "aliases") {
		if netaddr.IsAlias(s) {
			nets = append(nets, s)
		}
	}
	if len(nets) < 5 {
		t.Fatalf("found only %v as network aliases in sandbox/netaddr: update man_test.go", nets)
	}
	for _, a := range nets {
		wrong.check(apply("allow/net/connect+"+a+"!80") == nil, "alias %s is refused", a)
		m.check(bold(syd7, a), "network alias %s: document it in man/syd.7.scd NETWORK ADDRESSES as *%s*", a, a)
	}

	wrong.report("names derived from the sandbox sources that its parser does not accept (man_test.go is out of date)")
	m.report("the command language in man/syd.5.scd, man/syd.2.scd and man/syd.7.scd")
}

// TestTraceOptionsExist checks the other way round: every trace/ option a page
// names is one the parser accepts, so no page documents an option that does
// not exist.
func TestTraceOptionsExist(t *testing.T) {
	m := &missing{t: t}
	for _, name := range pages {
		src := page(t, name)
		seen := map[string]bool{}
		for _, sm := range traceRe.FindAllStringSubmatch(src, -1) {
			opt := sm[1]
			if sm[2] != "" || seen[opt] {
				continue // a wildcard (trace/allow_*), or checked already
			}
			seen[opt] = true
			m.check(accepted(apply("trace/"+opt+"?")), "%s names trace/%s, which the parser refuses: %v", name, opt, apply("trace/"+opt+"?"))
		}
	}
	m.report("trace options in the pages")
}

// --- (c) syd.5: every profile ------------------------------------------------

func TestProfilesDocumented(t *testing.T) {
	list := strings.Fields(sydOutput(t, "--profile-list"))
	if len(list) == 0 || !slices.Equal(list, sandbox.ProfileNames()) {
		t.Fatalf("syd --profile-list gave %v, sandbox.ProfileNames %v", list, sandbox.ProfileNames())
	}
	src := page(t, "syd.5.scd")
	prof := strings.Join(sectionScd(src, "# PROFILES"), "\n")
	m := &missing{t: t}
	for _, name := range list {
		m.check(defTerm(prof, name), "profile %s (syd --profile-list): add *%s* with one line to man/syd.5.scd PROFILES (%s)", name, name, sandbox.ProfileSummary(name))
	}
	m.report("man/syd.5.scd")
}

// sectionScd returns the lines of a page source from heading to the next
// heading of the same level.
func sectionScd(src, heading string) []string {
	var out []string
	in := false
	for line := range strings.SplitSeq(src, "\n") {
		switch {
		case line == heading:
			in = true
		case in && strings.HasPrefix(line, "# "):
			return out
		case in:
			out = append(out, line)
		}
	}
	return out
}

// --- pandora.1: every option of pandora -h ------------------------------------

func TestPandoraDocumented(t *testing.T) {
	files := goFiles(t, filepath.Join("internal", "pandora"))
	usage, ok := constString(files, "usage")
	if !ok || usage == "" {
		t.Fatal("internal/pandora has no constant string usage (its help text moved): update this test")
	}
	src := page(t, "pandora.1.scd")
	m := &missing{t: t}
	opts := helpOptions(usage, "Options:")
	if len(opts) < 5 {
		t.Fatalf("found only %v as pandora's options: update helpOptions", opts)
	}
	for _, line := range section(usage, "Usage:") {
		for _, f := range strings.Fields(line) {
			if strings.HasPrefix(f, "-") && f != "--" {
				opts = append(opts, strings.Trim(f, "[]."))
			}
		}
		if fs := strings.Fields(line); len(fs) > 1 && !strings.HasPrefix(fs[1], "-") {
			m.check(bold(src, "pandora "+fs[1]), "pandora command %s: document it in man/pandora.1.scd SYNOPSIS as *pandora %s*", fs[1], fs[1])
		}
	}
	slices.Sort(opts)
	for _, o := range slices.Compact(opts) {
		m.check(defTerm(src, o), "pandora option %s (pandora -h): document it in man/pandora.1.scd OPTIONS as *%s*", o, o)
	}
	for _, v := range envReads(t, filepath.Join("internal", "pandora")) {
		m.check(word(src, v), "environment variable %s (read by pandora): document it in man/pandora.1.scd ENVIRONMENT", v)
	}
	m.report("man/pandora.1.scd")
}

// constString evaluates the package-level string constant name: literals,
// other constants of the package and "+" between them.
func constString(files []*ast.File, name string) (string, bool) {
	var eval func(e ast.Expr, depth int) (string, bool)
	eval = func(e ast.Expr, depth int) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		case *ast.ParenExpr:
			return eval(e.X, depth)
		case *ast.BinaryExpr:
			if e.Op != token.ADD {
				return "", false
			}
			x, ok1 := eval(e.X, depth)
			y, ok2 := eval(e.Y, depth)
			return x + y, ok1 && ok2
		case *ast.Ident:
			if depth > 16 {
				return "", false
			}
			for _, f := range files {
				for _, d := range f.Decls {
					g, ok := d.(*ast.GenDecl)
					if !ok || g.Tok != token.CONST {
						continue
					}
					for _, sp := range g.Specs {
						vs := sp.(*ast.ValueSpec)
						for i, n := range vs.Names {
							if n.Name == e.Name && i < len(vs.Values) {
								return eval(vs.Values[i], depth+1)
							}
						}
					}
				}
			}
		}
		return "", false
	}
	return eval(ast.NewIdent(name), 0)
}

// --- (d) every page renders --------------------------------------------------

func TestPagesRender(t *testing.T) {
	for _, name := range pages {
		src := page(t, name)
		want := strings.TrimSuffix(name, ".scd")
		i := strings.LastIndexByte(want, '.')
		header := want[:i] + "(" + want[i+1:] + ")"
		if !strings.HasPrefix(src, header) {
			t.Errorf("%s: the first line must be the scdoc header %s", name, header)
		}
	}
	scdoc, err := exec.LookPath("scdoc")
	if err != nil {
		t.Skip("scdoc is not installed (Debian: apt-get install scdoc; make man installs it as root): the pages were not rendered")
	}
	for _, name := range pages {
		in, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		var out, stderr bytes.Buffer
		cmd := exec.Command(scdoc)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = in, &out, &stderr
		err = cmd.Run()
		in.Close()
		if err != nil || stderr.Len() > 0 {
			t.Errorf("scdoc < %s: %v: %s", name, err, strings.TrimSpace(stderr.String()))
			continue
		}
		if !bytes.Contains(out.Bytes(), []byte("\n.TH ")) {
			t.Errorf("scdoc < %s wrote no .TH header", name)
		}
	}
}
