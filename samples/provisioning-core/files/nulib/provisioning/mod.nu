# The provisioning core library: version, status and extensions.
export use version.nu *
export use status.nu *
export use extensions.nu *
