package simulator

// exclusiveClass names a class of triggers of which an app runs one instance at a time, whatever
// registration started it (one since unregistered with Unregister(false) included): a released
// or new run of the class waits for the running one (fire.go, oneAtATime), and the class's
// RequestAsync answers that one is running.
type exclusiveClass uint8

const (
	notExclusive             exclusiveClass = iota
	exclusiveApplication                    // ApplicationTrigger (docs/windows-model.md#application-trigger-requests [documented])
	exclusiveDeviceUse                      // DeviceUseTrigger (docs/windows-model.md#device-triggers [documented])
	exclusiveDeviceServicing                // DeviceServicingTrigger, apart from DeviceUse (same section)
	exclusiveMediaProcessing                // MediaProcessingTrigger (docs/windows-model.md#media-processing-requests)
)

// exclusiveClassOf returns t's class; a Registration keeps it from Register on, so that firing
// and the loops below read a byte rather than switch on the trigger's type.
func exclusiveClassOf(t Trigger) exclusiveClass {
	switch t := t.(type) {
	case *ApplicationTrigger:
		return exclusiveApplication
	case *DeviceUseTrigger:
		return exclusiveDeviceUse
	case *DeviceServicingTrigger:
		return exclusiveDeviceServicing
	case *GenericTrigger:
		if t.Class == mediaProcessingClass {
			return exclusiveMediaProcessing
		}
	}
	return notExclusive
}

// classRunning reports whether an instance of class c is running.
func (e *Engine) classRunning(c exclusiveClass) bool {
	for _, in := range e.running {
		if in.reg.exclusive == c && !in.finished {
			return true
		}
	}
	return false
}
