"""Give the bench user supervisor's control socket, as bench's own check_supervisord_config does.

Usage: python3 supervisor_socket.py SUPERVISORD_CONF USER
Sets chown=USER:USER and chmod=0760 in [unix_http_server], keeping every other line and comment.
Exit status 0 when the file changed (supervisord must restart to re-create its socket), 1 when it was
already so, 2 when the file has no [unix_http_server] section.
"""

import sys


def main(path: str, user: str) -> int:
	want = {"chmod": "0760", "chown": f"{user}:{user}"}
	with open(path) as f:
		lines = f.read().splitlines()
	out, section, seen, changed, found = [], None, set(), False, False

	def add_missing():
		nonlocal changed
		for key, value in want.items():
			if key not in seen:
				out.append(f"{key}={value}")
				changed = True

	for line in lines:
		stripped = line.strip()
		if stripped.startswith("["):
			if section == "unix_http_server":
				add_missing()
			section = stripped.strip("[]").strip()
			found = found or section == "unix_http_server"
		elif section == "unix_http_server" and "=" in stripped and not stripped.startswith(";"):
			key, value = (part.strip() for part in stripped.split("=", 1))
			if key in want:
				seen.add(key)
				if value.split(";")[0].strip() != want[key]:
					line, changed = f"{key}={want[key]}", True
		out.append(line)
	if section == "unix_http_server":
		add_missing()
	if not found:
		return 2
	if changed:
		with open(path, "w") as f:
			f.write("\n".join(out) + "\n")
	return 0 if changed else 1


if __name__ == "__main__":
	sys.exit(main(sys.argv[1], sys.argv[2]))
