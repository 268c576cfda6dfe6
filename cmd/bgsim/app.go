package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit codes; see doc.go.
const (
	exitOK       = 0
	exitFailed   = 1
	exitUsage    = 2
	exitInternal = 3
)

// errUsage marks a usage error: the message has been printed.
var errUsage = errors.New("usage")

// run is the whole CLI: it maps args to a subcommand and returns the exit code. A panic
// anywhere becomes exit 3 with a one-line message.
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
	case "help", "-h", "-help", "--help":
		printUsage(stdout)
		return exitOK
	case "report":
		return reportCommand(rest, stdout, stderr)
	case "run":
		return runCommand(ctx, rest, stdout, stderr, false)
	case "schema":
		return schemaCommand(rest, stdout, stderr)
	case "trace":
		return traceCommand(rest, stdout, stderr)
	case "validate":
		return runCommand(ctx, rest, stdout, stderr, true)
	case "version", "--version":
		fmt.Fprintln(stdout, "bgsim", version)
		return exitOK
	default:
		fmt.Fprintf(stderr, "bgsim: unknown command %q; run \"bgsim help\"\n", cmd)
		return exitUsage
	}
}

// parseArgs parses flags anywhere among the arguments (flag stops at the first positional one)
// and returns the positional arguments in order.
func parseArgs(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(stderr, "bgsim %s: %v; run \"bgsim help\"\n", fs.Name(), err)
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

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r", " ")
	return strings.ReplaceAll(s, "\n", " ")
}
