package harness

// LaunchApp launches the app, or resumes it when suspended (app: launch).
func LaunchApp() Action { return appAction("launch", (*Simulation).launch) }

// SuspendApp suspends the foreground app (app: suspend).
func SuspendApp() Action { return appAction("suspend", (*Simulation).suspend) }

// ResumeApp resumes a suspended app (app: resume).
func ResumeApp() Action { return appAction("resume", (*Simulation).resume) }

// TerminateApp terminates the app process (app: terminate).
func TerminateApp() Action { return appAction("terminate", (*Simulation).terminate) }

// UpdateApp applies a servicing update (app: update).
func UpdateApp() Action { return appAction("update", (*Simulation).update) }

func appAction(op string, f func(*Simulation)) Action {
	return Action{"app " + op, func(s *Simulation) error { f(s); return nil }}
}

func (s *Simulation) launch()    { s.e.LaunchApp() }
func (s *Simulation) suspend()   { s.e.SuspendApp() }
func (s *Simulation) resume()    { s.e.ResumeApp() }
func (s *Simulation) terminate() { s.e.TerminateApp() }
func (s *Simulation) update()    { s.e.UpdateApp() }
