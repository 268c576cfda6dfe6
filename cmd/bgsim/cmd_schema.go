package main

import (
	"fmt"
	"io"

	"github.com/bgsim/bgsim/scenarios"
)

// schemaCommand is "bgsim schema": print the JSON Schema of the scenario format. It takes no
// arguments.
func schemaCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) != 0 {
		fmt.Fprintf(stderr, "bgsim schema: takes no arguments, got %q; run \"bgsim help\"\n", args[0])
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
