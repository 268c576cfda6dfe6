package scenarios

import "github.com/bgsim/bgsim/simulator"

// behaviours returns every behaviour of the file: the tasks, then the app's in-process one.
func behaviours(s *Scenario) []*TaskBehaviour {
	out := make([]*TaskBehaviour, 0, len(s.Tasks)+1)
	for i := range s.Tasks {
		out = append(out, &s.Tasks[i])
	}
	if s.App.OnBackgroundActivated != nil {
		out = append(out, s.App.OnBackgroundActivated)
	}
	return out
}

// stepRegistrations returns the registrations the register steps of the scripts make.
func stepRegistrations(s *Scenario) []*Registration {
	var out []*Registration
	for _, b := range behaviours(s) {
		for _, list := range [][]Step{b.Script, b.OnCanceled} {
			for _, st := range list {
				if st.Kind == StepCall && st.Call.Register != nil {
					out = append(out, st.Call.Register)
				}
			}
		}
	}
	return out
}

// checkCalls checks the task names of the scripts' API calls as the timeline's are checked: a
// signal step names a registration with an application trigger, an unregister step a
// registration of the file.
func (p *parser) checkCalls(s *Scenario, names taskNames, appTrigger map[string]bool) {
	for _, b := range behaviours(s) {
		for _, list := range [][]Step{b.Script, b.OnCanceled} {
			for _, st := range list {
				if st.Kind != StepCall {
					continue
				}
				a := st.Call
				switch a.Kind {
				case "signal", "unregister":
					if p.knownTask(a.Task, a.TaskPos, names, a.Kind) && a.Kind == "signal" && !appTrigger[a.Task] {
						p.errorAt(a.TaskPos, "signal: task %q has no application trigger registration", a.Task)
					}
				}
			}
		}
	}
}

// checkBatterySaver refuses a device that starts with Battery Saver on while on AC power:
// Battery Saver exists only on battery, unless policy energy_saver_on_ac plays Windows 11's
// Energy Saver (docs/windows-model.md#battery-saver-and-power).
func (p *parser) checkBatterySaver(s *Scenario) {
	d := s.Device
	if d.BatterySaver && d.Power != simulator.PowerBattery && !s.Policy.EnergySaverOnAC {
		p.errorAt(d.BatterySaverPos, "battery_saver: true needs power: battery (Battery Saver exists only on battery); set policy energy_saver_on_ac: true to keep it on AC power")
	}
}
