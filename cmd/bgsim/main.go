// Command bgsim replays, checks and records scenario files of the Windows background-task
// simulator. Run "bgsim help" for usage.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	tuneGC() // short-lived work on a small heap: collect less often (see gc.go)
	ctx, cancel := context.WithCancel(context.Background())
	interrupts := make(chan os.Signal, 2)
	signal.Notify(interrupts, os.Interrupt)
	go func() {
		<-interrupts
		cancel() // the first Ctrl-C: no new file starts, running replays stop at their next event
		<-interrupts
		os.Exit(exitInterrupted) // the second: at once (a file being rewritten is renamed whole or not at all)
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	signal.Stop(interrupts)
	os.Exit(code)
}
