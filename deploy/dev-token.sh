#!/usr/bin/env bash
# Mints a development JWT (HS256, issuer volunteerops-dev, audience volunteerops), as the API contract describes.
#   deploy/dev-token.sh <sub> <role[,role...]> [lifetime-minutes]
#   deploy/dev-token.sh 0193f2a0-0000-7000-8000-00000000a001 volunteer
#   deploy/dev-token.sh coordinator-1 coordinator 60
# The key comes from VO_SIGNING_KEY, else the development key in the Shifts service's appsettings.Development.json.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
sub=$1 roles=$2 minutes=${3:-480}
here=$(cd "$(dirname "$0")" && pwd)
key=${VO_SIGNING_KEY:-$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Auth"]["SigningKey"])' \
  "$here/../services/Shifts/VolunteerOps.Shifts/appsettings.Development.json")}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
role_json=$(printf '%s' "$roles" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().split(",")))')
sub_json=$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$sub")
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":%s,"role":%s,"iss":"volunteerops-dev","aud":"volunteerops","iat":%d,"nbf":%d,"exp":%d}' \
  "$sub_json" "$role_json" "$now" "$now" "$((now + minutes * 60))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
