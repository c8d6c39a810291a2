#!/bin/bash
# Compose healthcheck: 0 when /actuator/health/readiness on 127.0.0.1:$1 answers UP. Bash only (no curl
# in the runtime image).
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
grep -q '"status":"UP"' <&3
