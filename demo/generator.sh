#!/usr/bin/env bash
# The demo's change generator: keeps inserting, updating and deleting orders and renaming customers in
# streaming_etl_db, RATE changes per second (default 5), so the enriched table in ClickHouse visibly moves.
# Usage: demo/generator.sh [RATE]      (./deploy.sh --demo=RATE starts it in the background; Ctrl-C stops it)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/platform/env.sh"
rate="${1:-5}"
[[ $rate =~ ^[0-9]+$ ]] && [ "$rate" -gt 0 ] || { echo "RATE must be a positive number of changes per second" >&2; exit 2; }
mysql_cmd=(mysql -h"$MYSQL_HOST" -P"$MYSQL_PORT" -u"$MYSQL_USER" -p"$MYSQL_PASSWORD" --default-character-set=utf8mb4
  -N -B "$MYSQL_DATABASE")
names=("Ada" "Grace" "Linus" "Margaret" "Tim" "Barbara" "Edsger" "Frances" "Ken" "Radia")
countries=("GB" "US" "FI" "DE" "FR" "NL" "SE" "JP")
next_order=$(("$("${mysql_cmd[@]}" -e 'SELECT COALESCE(MAX(id), 0) FROM orders')" + 1))
echo "generator: $rate changes/s into $MYSQL_DATABASE at $MYSQL_HOST:$MYSQL_PORT (Ctrl-C stops)"
while true; do
  sql=""
  for ((i = 0; i < rate; i++)); do
    case $((RANDOM % 10)) in
      0 | 1 | 2 | 3 | 4)
        sql+="INSERT INTO orders VALUES ($next_order, $((RANDOM % 8 + 1)), $((RANDOM % 50000)) / 100, NOW(6));"
        next_order=$((next_order + 1)) ;;
      5 | 6)
        sql+="UPDATE orders SET amount = amount + 1 WHERE id = $((RANDOM % next_order + 1));" ;;
      7)
        sql+="DELETE FROM orders WHERE id = $((RANDOM % next_order + 1));" ;;
      8)
        c=$((RANDOM % 8 + 1))
        sql+="INSERT INTO customers VALUES ($c, '${names[RANDOM % ${#names[@]}]}', '${countries[RANDOM % ${#countries[@]}]}')"
        sql+=" ON DUPLICATE KEY UPDATE name = VALUES(name), country = VALUES(country);" ;;
      9)
        sql+="UPDATE customers SET name = CONCAT('${names[RANDOM % ${#names[@]}]}', ' ', id) WHERE id = $((RANDOM % 8 + 1));" ;;
    esac
  done
  "${mysql_cmd[@]}" -e "$sql"
  sleep 1
done
