// This file loads configuration files and text: comments, includes, environment expansion and file:line errors.

package sandbox

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"unicode/utf8"
)

// ConfigExt is the extension of configuration files (API version 3).
const ConfigExt = ".syd-3"

// maxConfigSize bounds a configuration file, maxIncludeDepth nested includes.
const (
	maxConfigSize   = 16 << 20
	maxIncludeDepth = 32
)

// loader applies configuration text, remembering which files and profiles
// it is inside of, to refuse include loops.
type loader struct {
	s        *Sandbox
	files    []string // absolute paths of the files being loaded, outermost first
	profiles []string // names of the profiles being expanded
	noFiles  bool     // refuse `include` (text that came from inside the sandbox)
}

// LoadFile applies the configuration file at path, as "syd -P path" does
// (spec 03 §2). The name must end in .syd-3; the text must be UTF-8; blank
// lines and lines whose first non-blank character is '#' are skipped, and
// every other line, trimmed, is one command applied from SourceFile.
//
// Lines may use "include <path>" (relative paths are relative to the
// including file; loops are refused with ELOOP) and "include_profile
// <name>". In commands and include paths, $VAR and ${VAR} are replaced by
// the environment variable (unset is an error), and a value or path that
// starts with "~" gets $HOME. A backslash keeps "$" literal.
//
// The first failing line stops loading; the lines before it stay applied.
// The error is a *FileError naming the file and line, wrapping the command's
// error, so errors.Is finds its errno.
func (s *Sandbox) LoadFile(path string) error {
	return (&loader{s: s}).file(path)
}

// LoadProfile applies the built-in profile name, as "syd -p name" does.
// The user profile then loads /etc/user.syd-3 and ~/.user.syd-3 if they
// exist. An unknown name fails with EINVAL.
func (s *Sandbox) LoadProfile(name string) error {
	return (&loader{s: s}).profile(name)
}

// Load applies configuration text read from r, as a configuration file named
// name (for messages). It serves load/<fd>, whose text comes from inside the
// sandbox: "include" is refused there, since syd would read the file with
// its own rights, and variables are not expanded, since that would reveal
// syd's environment; "include_profile" works.
func (s *Sandbox) Load(r io.Reader, name string) error {
	data, err := io.ReadAll(io.LimitReader(r, maxConfigSize+1))
	if err != nil {
		return &FileError{File: name, Err: err}
	}
	if len(data) > maxConfigSize {
		return &FileError{File: name, Err: invalid("larger than %d bytes", maxConfigSize)}
	}
	return (&loader{s: s, noFiles: true}).text(name, "", data)
}

// locked fails when the lock refuses every command, so that a later file is
// refused as a whole even if it holds no command.
func (l *loader) locked() error {
	if lk := l.s.Policy().Lock(); lk == LockOn || lk == LockRead {
		return &failure{syscall.EPERM, "the sandbox is locked (lock:" + lk.String() + ")"}
	}
	return nil
}

func (l *loader) file(path string) error {
	if err := l.locked(); err != nil {
		return &FileError{File: path, Err: err}
	}
	if l.noFiles {
		return &FileError{File: path, Err: invalid("include is not accepted here")}
	}
	if ext := filepath.Ext(path); ext != ConfigExt {
		return &FileError{File: path, Err: invalid("unsupported configuration file extension %q (want %s)", ext, ConfigExt)}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return &FileError{File: path, Err: err}
	}
	if slices.Contains(l.files, abs) {
		return &FileError{File: path, Err: &failure{syscall.ELOOP, "include loop: " + strings.Join(append(l.files, abs), " -> ")}}
	}
	if len(l.files) >= maxIncludeDepth {
		return &FileError{File: path, Err: &failure{syscall.ELOOP, fmt.Sprintf("includes nested deeper than %d", maxIncludeDepth)}}
	}
	f, err := os.Open(path)
	if err != nil {
		return &FileError{File: path, Err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return &FileError{File: path, Err: err}
	}
	if len(data) > maxConfigSize {
		return &FileError{File: path, Err: invalid("larger than %d bytes", maxConfigSize)}
	}
	l.s.mu.Lock()
	l.s.read = append(l.s.read, abs)
	l.s.mu.Unlock()
	l.files = append(l.files, abs)
	defer func() { l.files = l.files[:len(l.files)-1] }()
	return l.text(path, filepath.Dir(abs), data)
}

func (l *loader) profile(name string) error {
	text, ok := ProfileText(name)
	if !ok {
		return invalid("unknown profile %q (syd --profile-list lists them)", name)
	}
	if slices.Contains(l.profiles, name) {
		return &failure{syscall.ELOOP, "include_profile loop: " + strings.Join(append(l.profiles, name), " -> ")}
	}
	l.profiles = append(l.profiles, name)
	defer func() { l.profiles = l.profiles[:len(l.profiles)-1] }()
	if err := l.text("profile "+name, "", []byte(text)); err != nil {
		return err
	}
	if name == "user" {
		for _, path := range userConfigFiles() {
			if _, err := os.Stat(path); err != nil {
				continue // optional: only files that exist are read
			}
			if err := l.file(path); err != nil {
				return err
			}
		}
	}
	return nil
}

// userConfigFiles are the files the user profile reads after its own
// commands: the site-wide one, then the user's.
var userConfigFiles = func() []string {
	files := []string{"/etc/user" + ConfigExt}
	if home, ok := homeDir(); ok {
		files = append(files, filepath.Join(home, ".user"+ConfigExt))
	}
	return files
}

// text applies the lines of data; dir resolves relative includes.
func (l *loader) text(name, dir string, data []byte) error {
	lineNo := 0
	for rest := string(data); rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		lineNo++
		if !utf8.ValidString(line) {
			return &FileError{File: name, Line: lineNo, Err: invalid("the line is not valid UTF-8")}
		}
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if err := l.line(dir, line); err != nil {
			return &FileError{File: name, Line: lineNo, Err: err}
		}
	}
	return nil
}

// line applies one trimmed, non-comment line.
func (l *loader) line(dir, line string) error {
	if name, ok := strings.CutPrefix(line, "include_profile "); ok {
		return l.profile(strings.TrimSpace(name))
	}
	if path, ok := strings.CutPrefix(line, "include "); ok {
		path, f := expandPath(strings.TrimSpace(path))
		if f != nil {
			return f
		}
		if !filepath.IsAbs(path) && dir != "" {
			path = filepath.Join(dir, path)
		}
		return l.file(path)
	}
	cmd := line
	if !l.noFiles { // text from inside the sandbox must not read syd's environment
		var f *failure
		if cmd, f = expandCommand(line); f != nil {
			return f
		}
	}
	_, err := l.s.ApplyFrom(SourceFile, cmd)
	return err
}

// includeFromFile runs an include line given to ApplyFrom(SourceFile, ...)
// directly, outside a file: relative paths are relative to the working
// directory.
func (s *Sandbox) includeFromFile(line string) error {
	return (&loader{s: s}).line("", line)
}

// expandCommand expands environment variables in a command and a "~" at the
// start of its value.
func expandCommand(cmd string) (string, *failure) {
	out, f := expandVars(cmd)
	if f != nil {
		return "", f
	}
	i := strings.IndexAny(out, operators)
	if i < 0 || !startsWithTilde(out[i+1:]) {
		return out, nil
	}
	home, ok := homeDir()
	if !ok {
		return "", invalid("cannot expand ~: HOME is not set")
	}
	return out[:i+1] + home + out[i+2:], nil
}

// expandPath expands environment variables and a leading "~" in a path.
func expandPath(path string) (string, *failure) {
	out, f := expandVars(path)
	if f != nil || !startsWithTilde(out) {
		return out, f
	}
	home, ok := homeDir()
	if !ok {
		return "", invalid("cannot expand ~: HOME is not set")
	}
	return home + out[1:], nil
}

func startsWithTilde(s string) bool { return s == "~" || strings.HasPrefix(s, "~/") }

// homeDir returns $HOME without a trailing slash.
func homeDir() (string, bool) {
	home := os.Getenv("HOME")
	if home == "" {
		return "", false
	}
	if home != "/" {
		home = strings.TrimRight(home, "/")
	}
	return home, true
}

// expandVars replaces $NAME and ${NAME} by the environment variable NAME. An
// unset variable is an error. A '$' not followed by a name stays, and "\$"
// stays as written (the command parser reads it as a literal '$').
func expandVars(s string) (string, *failure) {
	if strings.IndexByte(s, '$') < 0 {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			b.WriteByte(c)
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if c != '$' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		var name string
		if s[i+1] == '{' {
			end := strings.IndexByte(s[i+2:], '}')
			if end < 0 {
				return "", invalid("unterminated ${ in %q", s)
			}
			name = s[i+2 : i+2+end]
			if !isVarName(name) {
				return "", invalid("invalid variable name %q", name)
			}
			i += 2 + end
		} else {
			j := i + 1
			for j < len(s) && isVarByte(s[j], j == i+1) {
				j++
			}
			if j == i+1 {
				b.WriteByte(c) // "$" not followed by a name
				continue
			}
			name = s[i+1 : j]
			i = j - 1
		}
		v, ok := os.LookupEnv(name)
		if !ok {
			return "", invalid("environment variable %q is not set", name)
		}
		b.WriteString(v)
	}
	return b.String(), nil
}

func isVarByte(c byte, first bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && c >= '0' && c <= '9'
}

func isVarName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isVarByte(s[i], i == 0) {
			return false
		}
	}
	return true
}
