// Command gen writes the per-category parts of every client binding (Go, libsyd, syd.h, esyd, syd.el, Python) from the category list of package sandbox.
//
// Run it with `go generate ./bindings` (or `go run ./bindings/internal/gen
// -root .` from the repository root). Whole files are rewritten; in the
// hand-written files only the lines between "BEGIN GENERATED <block>" and
// "END GENERATED <block>" are replaced. With -check it writes nothing and
// fails when a file is out of date.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// output is one generated file or block.
type output struct {
	Path  string // relative to the repository root
	Block string // "" for a whole file, else the marker name
	Text  func([]target) string
}

var outputs = []output{
	{"bindings/go/syd/zz_generated.go", "", goBinding},
	{"libsyd/zz_generated.go", "", libsydExports},
	{"libsyd/syd.h", "functions", header},
	{"libsyd/testdata/every.c", "", everyC},
	{"bindings/sh/esyd.sh", "subcommands", esydCases},
	{"bindings/sh/esyd.sh", "help", esydHelp},
	{"bindings/elisp/syd.el", "functions", elispFunctions},
	{"bindings/python/syd.py", "functions", python},
}

func main() {
	root := flag.String("root", "..", "repository root")
	check := flag.Bool("check", false, "write nothing; fail when a file is out of date")
	flag.Parse()
	stale, err := run(*root, !*check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *check && len(stale) > 0 {
		fmt.Fprintf(os.Stderr, "gen: out of date: %s (run go generate ./bindings)\n", strings.Join(stale, ", "))
		os.Exit(1)
	}
}

// run renders every output and returns the files whose content differs;
// with write it also rewrites them.
func run(root string, write bool) ([]string, error) {
	ts := targets()
	files := map[string][]byte{}
	var order []string
	for _, o := range outputs {
		path := filepath.Join(root, o.Path)
		cur, ok := files[path]
		if !ok {
			b, err := os.ReadFile(path)
			if err != nil && (o.Block != "" || !os.IsNotExist(err)) {
				return nil, err
			}
			cur = b
			order = append(order, path)
		}
		text := o.Text(ts)
		if o.Block == "" {
			files[path] = []byte(text)
			continue
		}
		next, err := replaceBlock(cur, o.Block, text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.Path, err)
		}
		files[path] = next
	}
	var stale []string
	for _, path := range order {
		old, _ := os.ReadFile(path)
		if bytes.Equal(old, files[path]) {
			continue
		}
		stale = append(stale, path)
		if write {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(path, files[path], 0o644); err != nil {
				return nil, err
			}
		}
	}
	return stale, nil
}

// replaceBlock replaces the lines strictly between the line holding
// "BEGIN GENERATED <name>" and the line holding "END GENERATED <name>".
func replaceBlock(src []byte, name, text string) ([]byte, error) {
	begin := []byte("BEGIN GENERATED " + name)
	end := []byte("END GENERATED " + name)
	i := bytes.Index(src, begin)
	if i < 0 {
		return nil, fmt.Errorf("no %q marker", begin)
	}
	i += bytes.IndexByte(src[i:], '\n') + 1
	j := bytes.Index(src[i:], end)
	if j < 0 {
		return nil, fmt.Errorf("no %q marker", end)
	}
	j = i + bytes.LastIndexByte(src[i:i+j], '\n') + 1
	var b bytes.Buffer
	b.Write(src[:i])
	b.WriteString(text)
	b.Write(src[j:])
	return b.Bytes(), nil
}
