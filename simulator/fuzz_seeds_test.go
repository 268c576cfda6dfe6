package simulator_test

// opByte returns the op byte that selects the named op of fuzzOps.
func opByte(name string) byte {
	for i, op := range fuzzOps {
		if op.name == name {
			return byte(i)
		}
	}
	panic("no fuzz op " + name)
}

// laterByte returns the byte "later" reads to select the named op of laterOps.
func laterByte(name string) byte {
	for i, op := range laterOps {
		if op.name == name {
			return byte(i)
		}
	}
	panic("no later op " + name)
}

// fuzzScript builds a FuzzEngine input: the five configuration bytes (seed, policy, app, device,
// zone and start), then each op as its name followed by its argument bytes.
func fuzzScript(config [5]byte, ops ...[]any) []byte {
	b := config[:]
	for _, op := range ops {
		b = append(b, opByte(op[0].(string)))
		for _, a := range op[1:] {
			switch a := a.(type) {
			case int:
				b = append(b, byte(a))
			case string:
				b = append(b, laterByte(a))
			}
		}
	}
	return b
}

// Configuration bytes: access AllowedSubjectToSystemPolicy (app byte 6<<2), UTC, the default
// device; policy byte variants.
var (
	cfgDefault        = [5]byte{1, 0, 24, 0, 0}
	cfgRelaunch       = [5]byte{2, 0x80, 24, 0, 0}     // DeliverAfterRelaunch
	cfgLatchEachGrace = [5]byte{3, 0x28 | 1, 24, 0, 1} // each_firing, overlap latch, grace 1s, Berlin
	cfgLeapYearEnd    = [5]byte{5, 0, 24, 0, 1 | 1<<4} // Berlin from 2028-12-30
	cfgDenied         = [5]byte{4, 0, 32, 0x19, 2}     // DeniedByUser, battery, away, New York
)

// Argument shorthands (see decodeRegister and decodeBehaviour).
const (
	trigSystem, trigTime, trigMaintenance, trigApp, trigCustom, trigSocket, trigPush       = 1, 2, 3, 4, 6, 7, 8
	trigGeneric, trigLocation, trigControlChannel, trigDeviceUse, trigDeviceServicing      = 9, 10, 11, 12, 13
	fzEpCom, fzEpComUndeclared                                                             = 7, 8
	fzEpAll, fzEpTimer, fzEpGeneral, fzEpNoFactory, fzEpNil, fzEpUndeclared, fzEpInProcess = 0, 1, 2, 3, 4, 5, 6
	stepSecond, step4s, stepMinute, step15m, stepHour, step6h, stepDay                     = 1, 2, 5, 6, 7, 8, 9
)

// fuzzSeeds are scripted inputs that reach every op and behaviour; testdata/fuzz/FuzzEngine holds
// more, found by fuzzing.
func fuzzSeeds() [][]byte {
	return [][]byte{
		{},
		// Time and system triggers with a condition, the user coming and going.
		fuzzScript(cfgDefault,
			[]any{"register", trigTime, 5, 0, 0, fzEpAll, 0, 1, 3},
			[]any{"register", trigSystem, 2, 0, 1, fzEpAll, 1, 3, 1, 3},
			[]any{"run_for", stepHour},
			[]any{"set_user", 1}, []any{"set_user", 0},
			[]any{"run_for", step6h}),
		// CancelOnConditionLoss with a task that ignores cancellation: terminated after the grace.
		fuzzScript(cfgDefault,
			[]any{"register", trigSystem, 6, 0, 0, fzEpAll, 1 | 4, 3, 1 | 8, 6},
			[]any{"set_network", 0}, []any{"set_network", 2}, []any{"set_network", 0},
			[]any{"run_for", stepMinute}, []any{"run_for", stepHour}),
		// ApplicationTrigger through suspend, resume, terminate and relaunch.
		fuzzScript(cfgRelaunch,
			[]any{"register", trigApp, 0, 0, 0, fzEpGeneral, 0, 1, 1},
			[]any{"signal", 0}, []any{"suspend"}, []any{"run_for", step4s}, []any{"resume"},
			[]any{"signal", 1}, []any{"terminate"}, []any{"run_for", stepHour},
			[]any{"launch"}, []any{"signal", 1}, []any{"run_for", stepMinute}),
		// Faults and access: a policy cancel, a killed host, a low-memory kill, access removed and
		// requested again, an in-process task taking the app down.
		fuzzScript(cfgDefault,
			[]any{"register", trigSystem, 2, 0, 1, fzEpAll, 1, 3, 1, 3},
			[]any{"register", trigSystem, 2, 0, 1, fzEpInProcess, 1, 3, 1, 3},
			[]any{"set_user", 1}, []any{"set_user", 0},
			[]any{"fault", 3, 0, 0}, []any{"fault", 1, 7, 1}, []any{"fault", 2, 7, 0},
			[]any{"remove_access"}, []any{"run_for", stepHour}, []any{"request_access"},
			[]any{"run_for", step6h}),
		// Panics: in Run, in scheduled work, in a Canceled handler and in the Completed handler.
		fuzzScript(cfgDefault,
			[]any{"register", trigSystem, 11, 0, 0, fzEpAll, 0, 0x50, 24},
			[]any{"set_time_zone", 1},
			[]any{"register", trigCustom, 10, 0, 1, fzEpAll, 0, 0x61, 1},
			[]any{"raise_custom_event", 1}, []any{"run_for", stepMinute},
			[]any{"register", trigMaintenance, 6, 0, 2, fzEpInProcess, 16, 0x71, 6},
			[]any{"run_for", stepHour}, []any{"set_power", 1}, []any{"run_for", stepMinute}),
		// Re-entrancy: a task unregistering itself, a task signalling the ApplicationTrigger,
		// unregister from an event, an app update.
		fuzzScript(cfgDefault,
			[]any{"register", trigTime, 5, 0, 0, fzEpTimer, 0, 1, 0xc0 | 1},
			[]any{"register", trigSystem, 3, 0, 1, fzEpAll, 0, 1, 0x80 | 2},
			[]any{"register", trigApp, 0, 0, 2, fzEpAll, 0, 2, 6},
			[]any{"set_user", 1}, []any{"run_for", stepSecond},
			[]any{"later", 2, "unregister", 1, 1},
			[]any{"update"}, []any{"run_for", stepHour}),
		// Task code calling the API (the update flow), signals while suspended, and Battery Saver
		// refused on AC, turned on on battery and ended by plugging in.
		fuzzScript(cfgDefault,
			[]any{"register", trigApp, 0, 0, 2, fzEpAll, 0, 2, 6},
			[]any{"register", trigSystem, 3, 0, 1, fzEpAll, 0, 1, 0x40 | 1},
			[]any{"set_user", 1}, []any{"run_for", stepSecond},
			[]any{"signal", 0}, []any{"suspend"}, []any{"signal", 0}, []any{"resume"},
			[]any{"set_battery_saver", 1}, []any{"set_power", 1}, []any{"set_battery_saver", 1},
			[]any{"signal", 0}, []any{"set_power", 0}, []any{"run_for", stepHour}),
		// Every registration error, then a RegisterWithName replacing a running task.
		fuzzScript(cfgDefault,
			[]any{"register", 0, 0, 0, 0, fzEpAll, 0, 0, 0},
			[]any{"register", trigSystem, 0, 0, 0, fzEpAll, 0, 0, 0},
			[]any{"register", trigTime, 0, 0, 0, fzEpAll, 0, 0, 0},
			[]any{"register", trigTime, 0xf5, 0, 0, fzEpAll, 0, 0, 0},
			[]any{"register", trigMaintenance, 1, 0, 0, fzEpAll, 0, 0, 0},
			[]any{"register", trigCustom, 12, 0, 0, fzEpAll, 0, 0, 0},
			[]any{"register", trigSystem, 2, 0, 0, fzEpUndeclared, 0, 0, 0},
			[]any{"register", trigTime, 5, 0, 0, fzEpGeneral, 0, 0, 0},
			[]any{"register", trigSystem, 2, 0, 0, fzEpAll, 2, 0, 9, 0, 0},
			[]any{"register", trigApp, 0, 0, 0, fzEpAll, 0, 0, 0},
			[]any{"register", trigApp, 0, 0, 1, fzEpAll, 0, 0, 0},
			[]any{"register", trigSystem, 3, 0, 2, fzEpNoFactory, 0, 0, 0},
			[]any{"register", trigSystem, 3, 1, 3, fzEpNil, 0, 0, 0},
			[]any{"register", trigTime, 5, 0, 0, fzEpAll, 0, 1, 6},
			[]any{"run_for", step15m},
			[]any{"register", trigTime, 20, 1, 0, fzEpAll, 64, 0, 0},
			[]any{"set_user", 1}, []any{"run_for", stepDay}),
		// Latched firings, each_firing and overlap latch, with a 1 s grace.
		fuzzScript(cfgLatchEachGrace,
			[]any{"register", trigSystem, 14, 0, 0, fzEpAll, 1, 1, 1, 6},
			[]any{"set_user", 1}, []any{"set_power", 1}, []any{"set_power", 0},
			[]any{"set_power", 1}, []any{"set_user", 0},
			[]any{"set_power", 0}, []any{"set_standby", 1}, []any{"set_battery_saver", 1},
			[]any{"set_session", 1}, []any{"set_lock_screen", 1}, []any{"set_network_cost", 1},
			[]any{"raise_system_event", 1}, []any{"run_for", stepHour}),
		// A time zone trigger across the end of a leap year (golang/go#81583).
		fuzzScript(cfgLeapYearEnd,
			[]any{"register", trigSystem, 11, 0, 0, fzEpAll, 0, 1, 1},
			[]any{"run_for", stepDay}, []any{"set_time_zone", 2}, []any{"run_for", stepDay}),
		// Socket activity delivered, refused while the task owns the socket, given back by a task
		// that heeds cancellation and kept by one that does not; malformed deliveries; raw
		// notifications, one from an event, held by Battery Saver.
		fuzzScript(cfgDefault,
			[]any{"register", trigSocket, 0, 0, 0, fzEpAll, 0, 1, 1},
			[]any{"register", trigSocket, 0, 0, 1, fzEpAll, 0, 1 | 8, 1},
			[]any{"register", trigPush, 0, 0, 2, fzEpAll, 0, 0, 0},
			[]any{"socket_activity", 0, 1, 1}, []any{"socket_activity", 0, 1, 2},
			[]any{"run_for", stepMinute}, []any{"socket_activity", 0, 1, 3},
			[]any{"socket_activity", 1, 2, 4}, []any{"run_for", stepMinute}, []any{"socket_activity", 1, 2, 1},
			[]any{"socket_activity", 0, 0, 1}, []any{"socket_activity", 0, 1, 0}, []any{"socket_activity", 7, 1, 1},
			[]any{"raw_notification", 2}, []any{"later", 1, "raw_notification", 1},
			[]any{"set_power", 1}, []any{"set_battery_saver", 1}, []any{"raw_notification", 1},
			[]any{"run_for", stepMinute}, []any{"set_battery_saver", 0}, []any{"run_for", stepHour}),
		// Generic trigger classes: a Bluetooth watcher and a media processing trigger (with a
		// condition) registered, an unknown class refused, a class the entry point does not
		// declare refused, their events raised with and without details, one from an event.
		fuzzScript(cfgDefault,
			[]any{"register", trigGeneric, 0, 0, 0, fzEpAll, 0, 1, 1},
			[]any{"register", trigGeneric, 1, 0, 1, fzEpAll, 1, 3, 0, 0},
			[]any{"register", trigGeneric, 3, 0, 2, fzEpAll, 0, 0, 0},
			[]any{"register", trigGeneric, 2, 0, 3, fzEpTimer, 0, 0, 0},
			[]any{"trigger_event", 0, 1}, []any{"trigger_event", 1, 0}, []any{"set_user", 1},
			[]any{"trigger_event", 1, 1}, []any{"set_user", 0}, []any{"trigger_event", 3, 0},
			[]any{"later", 2, "trigger_event", 0, 0}, []any{"run_for", stepHour}),
		// Geofences: a location trigger, a second one refused, an invalid type refused, geofences
		// entered and exited (an empty id and an invalid state refused), one from an event.
		fuzzScript(cfgDefault,
			[]any{"register", trigLocation, 1, 0, 0, fzEpAll, 0, 1, 1},
			[]any{"register", trigLocation, 1, 0, 1, fzEpAll, 0, 0, 0},
			[]any{"register", trigLocation, 2, 0, 2, fzEpAll, 0, 0, 0},
			[]any{"register", trigGeneric, 1, 0, 3, fzEpAll, 0, 0, 0},
			[]any{"register", trigGeneric, 1, 0, 2, fzEpAll, 0, 0, 0},
			[]any{"geofence", 1, 1}, []any{"geofence", 1, 2}, []any{"geofence", 0, 1}, []any{"geofence", 2, 3},
			[]any{"later", 2, "geofence", 2, 2}, []any{"run_for", stepHour}),
		// Control channels: software and hardware slots, a third hardware slot refused with
		// PolicyError, an invalid keep-alive, push and keep-alive deliveries in and out of standby.
		fuzzScript(cfgDefault,
			[]any{"register", trigControlChannel, 8, 0, 0, fzEpAll, 0, 1, 1},
			[]any{"register", trigControlChannel, 17, 0, 1, fzEpAll, 0, 0, 0},
			[]any{"register", trigControlChannel, 16, 0, 2, fzEpAll, 0, 0, 0},
			[]any{"register", trigControlChannel, 16, 0, 3, fzEpAll, 0, 0, 0},
			[]any{"register", trigControlChannel, 12, 0, 0, fzEpAll, 0, 0, 0},
			[]any{"control_channel", 1, 1}, []any{"control_channel", 2, 2}, []any{"set_standby", 1},
			[]any{"control_channel", 1, 1}, []any{"control_channel", 2, 1}, []any{"control_channel", 0, 1},
			[]any{"later", 2, "control_channel", 2, 2}, []any{"set_standby", 0}, []any{"run_for", stepHour}),
		// Device triggers: use and servicing registered (one in-process and refused), requests
		// allowed, one at a time, refused on a low battery and by the user, and while suspended.
		fuzzScript(cfgDefault,
			[]any{"register", trigDeviceUse, 0, 0, 0, fzEpAll, 0, 1, 3},
			[]any{"register", trigDeviceServicing, 0, 0, 1, fzEpAll, 0, 0, 0},
			[]any{"register", trigDeviceServicing, 0, 0, 2, fzEpInProcess, 0, 0, 0},
			[]any{"device_trigger", 0, 0}, []any{"device_trigger", 1, 0}, []any{"run_for", stepMinute},
			[]any{"set_power", 1}, []any{"battery_level", 1}, []any{"device_trigger", 1, 0},
			[]any{"battery_level", 3}, []any{"device_trigger", 1, 1}, []any{"device_trigger", 1, 0},
			[]any{"battery_level", 0}, []any{"suspend"}, []any{"device_trigger", 0, 0}, []any{"resume"},
			[]any{"later", 2, "device_trigger", 0, 0}, []any{"run_for", stepHour}),
		// Modern standby: Register(name) without and with AllowRunningTaskInStandby, in standby.
		fuzzScript(cfgDefault,
			[]any{"set_standby", 1},
			[]any{"register", trigSystem, 3, 0, 0, fzEpAll, 64, 0, 0},
			[]any{"register", trigSystem, 3, 0, 1, fzEpAll, 64 | 128, 0, 0},
			[]any{"set_user", 1}, []any{"set_standby", 0}, []any{"run_for", stepHour}),
		// COM entry points: a declared class runs, an undeclared one is refused.
		fuzzScript(cfgDefault,
			[]any{"register", trigSystem, 3, 0, 0, fzEpCom, 0, 1, 1},
			[]any{"register", trigSystem, 3, 0, 1, fzEpComUndeclared, 0, 0, 0},
			[]any{"set_user", 1}, []any{"set_user", 0}, []any{"run_for", stepHour}),
		// Access denied: every registration fails, signals are refused.
		fuzzScript(cfgDenied,
			[]any{"register", trigApp, 0, 0, 0, fzEpAll, 0, 0, 0},
			[]any{"signal", 0}, []any{"run_for", stepHour}),
	}
}
