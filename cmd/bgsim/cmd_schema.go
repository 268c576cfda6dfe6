package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/bgsim/bgsim/scenarios"
)

// schemaCommand is "bgsim schema": print the JSON Schema of the scenario format. It takes no
// arguments.
func schemaCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	pos, err := parseArgs(fs, args, stdout, stderr)
	if err != nil {
		return exitFor(err)
	}
	if len(pos) != 0 {
		fmt.Fprintf(stderr, "bgsim schema: takes no arguments, got %q; run \"bgsim help schema\"\n", pos[0])
		return exitUsage
	}
	data, err := scenarios.JSONSchema()
	if err != nil {
		fmt.Fprintf(stderr, "bgsim schema: %v\n", err)
		return exitInternal
	}
	if _, err := stdout.Write(data); err != nil {
		fmt.Fprintf(stderr, "bgsim schema: cannot write: %v\n", err)
		return exitInternal
	}
	return exitOK
}
