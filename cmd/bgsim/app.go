package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/bgsim/bgsim/internal/suggest"
)

// Exit codes; see doc.go.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2
	exitInternal = 3
)

var (
	// errUsage marks a usage error: the message has been printed.
	errUsage = errors.New("usage")
	// errHelp marks a help request (-h, --help): the command's help has been printed.
	errHelp = errors.New("help requested")
)

// run is the whole CLI: it maps args to a subcommand and returns the exit code. A panic
// anywhere becomes exit 3 with a one-line message. ctx ends on Ctrl-C.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "bgsim: internal error: %s\n", oneLine(fmt.Sprint(r)))
			code = exitInternal
		}
	}()
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "coverage":
		return coverageCommand(rest, stdout, stderr)
	case "explore":
		return exploreCommand(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		return helpCommand(ctx, rest, stdout, stderr)
	case "report":
		return reportCommand(ctx, rest, stdout, stderr)
	case "run":
		return runCommand(ctx, rest, stdout, stderr, false)
	case "schema":
		return schemaCommand(rest, stdout, stderr)
	case "trace":
		return traceContext(ctx, rest, stdout, stderr)
	case "validate":
		return runCommand(ctx, rest, stdout, stderr, true)
	case "version", "--version":
		return versionCommand(rest, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "bgsim: unknown command %q%s; run \"bgsim help\"\n", cmd, suggest.Hint(cmd, commands))
		return exitUsage
	}
}

// helpCommand is "bgsim help [COMMAND]": the overview, or one command's help and flags (the
// same text as "bgsim COMMAND -h").
func helpCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0:
		printUsage(stdout)
		return exitOK
	case len(args) > 1:
		fmt.Fprintf(stderr, "bgsim help: want at most one COMMAND, got %d; run \"bgsim help\"\n", len(args))
		return exitUsage
	case args[0] == "help":
		fmt.Fprint(stdout, commandHelp["help"])
		return exitOK
	case commandHelp[args[0]] == "":
		fmt.Fprintf(stderr, "bgsim help: unknown command %q%s; run \"bgsim help\"\n", args[0], suggest.Hint(args[0], commands))
		return exitUsage
	}
	return run(ctx, []string{args[0], "-h"}, stdout, stderr)
}

// versionCommand is "bgsim version": it takes no arguments.
func versionCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	pos, err := parseArgs(fs, args, stdout, stderr)
	if err != nil {
		return exitFor(err)
	}
	if len(pos) != 0 {
		fmt.Fprintf(stderr, "bgsim version: takes no arguments, got %q; run \"bgsim help version\"\n", pos[0])
		return exitUsage
	}
	fmt.Fprintln(stdout, "bgsim", version)
	return exitOK
}

// exitFor is the exit code of a parseArgs error: 0 after help, 2 after a usage error.
func exitFor(err error) int {
	if errors.Is(err, errHelp) {
		return exitOK
	}
	return exitUsage
}

// parseArgs parses flags anywhere among the arguments (flag stops at the first positional one)
// and returns the positional arguments in order. -h, -help and --help print the command's help
// and flags on stdout and return errHelp; an unknown flag is reported on stderr with the
// closest defined flag, and returns errUsage.
func parseArgs(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printCommandHelp(stdout, fs)
				return nil, errHelp
			}
			fmt.Fprintf(stderr, "bgsim %s: %v%s; run \"bgsim help %s\"\n", fs.Name(), err, flagHint(fs, err), fs.Name())
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagHint returns ` (did you mean --html?)` when err is an unknown flag close to a defined one.
func flagHint(fs *flag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return ""
	}
	name = strings.TrimLeft(name, "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if c := suggest.Closest(name, names); c != "" {
		return " (did you mean " + flagName(c) + "?)"
	}
	return ""
}

// flagName spells a flag as the help does: -j for one letter, --name otherwise.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// printCommandHelp writes a command's help and then every flag of fs with its usage and
// default, so the list cannot miss a flag.
func printCommandHelp(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, commandHelp[fs.Name()])
	var lines [][2]string
	width := len("-h, --help")
	fs.VisitAll(func(f *flag.Flag) {
		arg, text := flag.UnquoteUsage(f)
		left := flagName(f.Name)
		if arg != "" {
			left += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			text += " (default " + f.DefValue + ")"
		}
		width = max(width, len(left))
		lines = append(lines, [2]string{left, text})
	})
	fmt.Fprintln(w)
	if len(lines) == 0 {
		fmt.Fprintln(w, "Flags: none (-h, --help: this help)")
		return
	}
	fmt.Fprintln(w, "Flags:")
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l[0], l[1])
	}
	fmt.Fprintf(w, "  %-*s  %s\n", width, "-h, --help", "this help")
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r", " ")
	return strings.ReplaceAll(s, "\n", " ")
}
