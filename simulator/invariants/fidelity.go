package invariants

import (
	"strings"

	"github.com/bgsim/bgsim/simulator"
)

// The rules that follow the app, the host and the power source
// (docs/windows-model.md#application-trigger-requests, #resource-groups and
// #battery-saver-and-power).

// signal checks a signal_result record: Allowed never answers task code (cause=from_task), nor,
// with an engine, an app that is not in the foreground.
func (c *Checker) signal(r *simulator.Record) {
	if r.Signal != simulator.SignalAllowed {
		return
	}
	if field(r.Detail, "cause=") == "from_task" {
		c.failf(RuleSignal, r, "RequestAsync from task code answered Allowed")
		return
	}
	if c.e != nil && c.e.AppState() != simulator.AppForeground {
		c.failf(RuleSignal, r, "RequestAsync answered Allowed while the app is %v", c.e.AppState())
	}
}

// applicationRunning reports whether an application-triggered instance runs.
func (c *Checker) applicationRunning() bool {
	for i := range c.instances {
		if in := &c.instances[i]; in.application && !in.completed && !in.terminated {
			return true
		}
	}
	return false
}

// checkHosts: every instance that ran in a shared host before it ended has ended too.
func (c *Checker) checkHosts() {
	for i := range c.instances {
		in := &c.instances[i]
		if in.host == "" || in.completed || in.terminated {
			continue
		}
		if end, ok := c.hostEnded[in.host]; ok && in.seq < end {
			c.failf(RuleSharedHost, nil, "instance %d still runs after its host %s ended", i+1, in.host)
			return
		}
	}
}

// checkPower: Battery Saver is on only on battery, unless Policy.EnergySaverOnAC.
func (c *Checker) checkPower() {
	d := c.e.Device()
	if d.BatterySaver && d.Power == simulator.PowerAC && !c.e.Policy().EnergySaverOnAC {
		c.failf(RuleBatterySaverPower, nil, "Battery Saver is on while the device is on AC power")
	}
}

// field returns the value of the first detail field with the prefix, or "".
func field(detail, prefix string) string {
	for _, f := range strings.Fields(detail) {
		if v, ok := strings.CutPrefix(f, prefix); ok {
			return v
		}
	}
	return ""
}
