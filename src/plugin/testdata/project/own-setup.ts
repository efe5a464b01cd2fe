// The user's own setup file: the plugin must keep it (and run it before its own).
;(globalThis as { ownSetupRan?: boolean }).ownSetupRan = true
