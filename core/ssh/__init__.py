"""zhidu over SSH: the forced-command lines for OpenSSH (:mod:`core.ssh.authorized_keys`)
and the built-in server (:mod:`core.ssh.server`). Either way the account is the one
the SSH key is bound to (core.services.ssh_keys); see docs/ssh.md."""
