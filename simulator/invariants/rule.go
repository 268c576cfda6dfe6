package invariants

// Rule names one invariant. Zero is invalid.
type Rule uint8

// The rules, in the order of the package doc.
const (
	RuleInvalid              Rule = iota
	RuleTimeForward               // trace time never goes backwards
	RuleInstanceOrder             // instances are numbered in order of their run records
	RuleNoRunAfterUnregister      // no run after the registration's unregister record
	RuleLifecycle                 // instance records between run and completed; completed at most once
	RuleHandOver                  // delivered or dropped exactly once, according to the app's state (the update task's never)
	RuleRunAllowed                // no run while conditions, access, Battery Saver or power forbid it
	RuleLimit                     // nothing outlives its limit plus grace
	RuleOneShot                   // a one-shot runs at most once
	RuleRender                    // records render to text and valid JSON
	RuleEngineState               // the engine agrees with the records
	RuleSignal                    // RequestAsync answers Allowed only to the app in the foreground
	RuleOneApplicationTask        // one application-triggered instance of the app runs at a time
	RuleSharedHost                // when a shared host ends, every instance in it ends
	RuleBatterySaverPower         // Battery Saver is on only on battery (unless EnergySaverOnAC)
)

var ruleNames = [...]string{"", "time_forward", "instance_order", "no_run_after_unregister",
	"lifecycle", "hand_over", "run_allowed", "limit", "one_shot", "render", "engine_state",
	"signal", "one_application_task", "shared_host", "battery_saver_power"}

// String returns the rule's name, as a violation prints it.
func (r Rule) String() string {
	if int(r) < len(ruleNames) && r != RuleInvalid {
		return ruleNames[r]
	}
	return "invalid"
}

// Rules lists every rule.
func Rules() []Rule {
	out := make([]Rule, 0, len(ruleNames)-1)
	for r := RuleTimeForward; int(r) < len(ruleNames); r++ {
		out = append(out, r)
	}
	return out
}
