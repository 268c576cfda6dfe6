package harness_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/bgsim/bgsim/harness"
	"github.com/bgsim/bgsim/simulator"
)

// bubble runs f inside a synctest bubble, with GinkgoRecover so that a failed assertion inside it
// fails the spec rather than the test binary.
func bubble(f func()) {
	synctest.Test(suiteT, func(*testing.T) {
		defer GinkgoRecover()
		f()
	})
}

// goWorld is a simulation with the fixture manifests' declarations and the given options; the
// caller closes it.
func goWorld(opts ...harness.Option) *harness.Simulation {
	return fixtureWorld(opts...)
}

// mustClose closes sim and fails the spec on an error.
func mustClose(sim *harness.Simulation) {
	Expect(sim.Close()).To(Succeed())
}

// registerOn registers name for entryPoint with trigger t.
func registerOn(sim *harness.Simulation, name, entryPoint string, t simulator.Trigger) *simulator.Registration {
	b := sim.NewBuilder()
	b.Name = name
	b.TaskEntryPoint = entryPoint
	b.SetTrigger(t)
	r, err := b.Register()
	Expect(err).NotTo(HaveOccurred())
	return r
}

// goRun runs body as the goroutine task of entry point ep, registered as "G" on TimeZoneChange
// and started at 1m by a time zone change, for an hour of virtual time, inside a bubble. setup
// runs before the hour (to schedule actions); the simulation is closed when it returns.
func goRun(body harness.GoTaskFunc, setup func(*harness.Simulation), opts ...harness.Option) *harness.Simulation {
	var sim *harness.Simulation
	bubble(func() {
		sim = goWorld(append([]harness.Option{harness.WithGoTask(ep, body)}, opts...)...)
		defer mustClose(sim)
		register(sim, "G", ep)
		sim.At(time.Minute, harness.TimeZone("Europe/Paris"))
		if setup != nil {
			setup(sim)
		}
		Expect(sim.RunFor(time.Hour)).To(Succeed())
	})
	return sim
}

// logs returns the simulation's log records as "offset message", offsets from 1m (when goRun
// starts the task), messages unquoted.
func logs(sim *harness.Simulation) []string {
	var out []string
	for _, r := range sim.Records() {
		if r.Kind != simulator.KindLog {
			continue
		}
		msg := strings.TrimPrefix(r.Detail, "msg=")
		if u, err := strconv.Unquote(msg); err == nil {
			msg = u
		}
		out = append(out, fmt.Sprintf("%v %s", r.At-time.Minute, msg))
	}
	return out
}

// logger returns a function that logs, through in, the virtual time since the call and a
// message.
func logger(ctx context.Context, in *simulator.Instance) func(format string, args ...any) {
	clk := harness.ClockFrom(ctx)
	start := clk.Now()
	return func(format string, args ...any) {
		in.Log(fmt.Sprintf("%v ", clk.Since(start)) + fmt.Sprintf(format, args...))
	}
}

// withoutOffsets strips the trace offsets logs adds, leaving "since message".
func withoutOffsets(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		_, out[i], _ = strings.Cut(l, " ")
	}
	return out
}
