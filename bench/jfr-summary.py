#!/usr/bin/env python3
"""Where Kafka Connect's CPU samples go, from a JFR recording (bench/connect-tune.sh TUNE_JFR=..., docs/benchmarks.md).

Usage: bench/jfr-summary.py recording.jfr [more.jfr ...]

Reads `jfr print --json --events jdk.ExecutionSample` and prints, per recording:
  - the samples per thread group (task thread, binlog reader, producer network thread, other);
  - the task thread's samples by part, from the first marker of TASK_PARTS found on the stack: the converter (key +
    value: Apicurio's schema lookup, Connect -> Avro, Avro encoding, or JsonConverter), the producer's send
    (compression, accumulation), Debezium's side of the poll, Connect's runtime;
  - the binlog reader's samples by package (binlog deserialisation vs Debezium building change events);
  - the 25 hottest methods (inclusive: on the stack) of the task thread and of the binlog reader.
JFR samples Java threads only: GC and JIT compiler threads are not in it (their CPU is in /proc, see the docs).
"""
import collections
import json
import subprocess
import sys


def frames_of(sample):
    st = sample["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames", []):
        m = f.get("method") or {}
        t = (m.get("type") or {}).get("name", "?")
        out.append(t.replace("/", ".") + "." + m.get("name", "?"))  # JFR names types "io/debezium/…"
    return out  # leaf first


def thread_group(name, task_threads):
    # Connect renames its task thread when the task starts ("task-thread-<connector>-0"); a recording started with
    # the JVM keeps the pool's name ("pool-2-thread-2"): task_threads holds the names seen running WorkerSourceTask.
    if name.startswith("task-thread-") or name in task_threads:
        return "task thread (poll, convert, send)"
    if name.startswith("blc-"):
        return "binlog reader (blc-…)"
    if name.startswith("kafka-producer-network-thread"):
        return "producer network thread"
    return "other Java threads"


TASK_PARTS = [  # (marker anywhere on the stack, part); the first marker of this list found wins
    ("DefaultSchemaResolver", "converter: Apicurio schema lookup (schema to JSON text + hash, per record)"),
    ("io.apicurio.registry.resolver", "converter: Apicurio schema lookup (schema to JSON text + hash, per record)"),
    ("ERCache", "converter: Apicurio schema lookup (schema to JSON text + hash, per record)"),
    ("io.apicurio.registry.utils.IoUtil", "converter: Apicurio schema lookup (schema to JSON text + hash, per record)"),
    ("org.apache.avro.Schema.toString", "converter: Apicurio schema lookup (schema to JSON text + hash, per record)"),
    ("org.apache.avro.Schema.toJson", "converter: Apicurio schema lookup (schema to JSON text + hash, per record)"),
    ("fieldsToJson", "converter: Apicurio schema lookup (schema to JSON text + hash, per record)"),
    ("AvroData", "converter: Connect -> Avro (AvroData)"),
    ("AvroKafkaSerializer", "converter: Avro binary encoding"),
    ("org.apache.avro.generic.GenericDatumWriter", "converter: Avro binary encoding"),
    ("org.apache.avro.io", "converter: Avro binary encoding"),
    ("CachingAvroConverter", "converter: other"),
    ("org.apache.kafka.connect.json", "converter: JsonConverter (Connect -> JSON tree -> bytes)"),
    ("com.fasterxml.jackson", "converter: JsonConverter (Connect -> JSON tree -> bytes)"),
    ("io.apicurio", "converter: other"),
    ("zstd", "producer send: zstd compression"),
    ("org.apache.kafka.common.compress", "producer send: compression streams"),
    ("KafkaProducer", "producer send: accumulate, partition, metadata"),
    ("org.apache.kafka.common.record", "producer send: accumulate, partition, metadata"),
    ("TransformationChain", "transformations"),
    ("io.debezium", "Debezium (poll: queue hand-over, SourceRecords)"),
    ("org.apache.kafka.connect", "Connect runtime (other)"),
]


def part_of(frames, parts):
    for marker, part in parts:
        for f in frames:
            if marker in f.replace("/", "."):
                return part
    return "other"


def summarize(path):
    # --stack-depth: jfr print shows 5 frames of each stack by default; the recording keeps 64.
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    groups = collections.Counter()
    stages = collections.Counter()
    binlog = collections.Counter()
    hot = collections.Counter()
    binlog_hot = collections.Counter()
    task_n = 0
    def thread_name(e):
        return (e["values"].get("sampledThread") or {}).get("javaName") or "?"

    # Deep stacks are cut at the recording's depth (64) below WorkerSourceTask: name the thread by any sample.
    task_threads = {thread_name(e) for e in events if any("WorkerSourceTask" in f for f in frames_of(e))}
    for e in events:
        name = thread_name(e)
        fr = frames_of(e)
        g = thread_group(name, task_threads)
        groups[g] += 1
        if g.startswith("task thread"):
            task_n += 1
            stages[part_of(fr, TASK_PARTS)] += 1
            for m in set(fr):
                hot[m] += 1
        elif g.startswith("binlog"):
            for m in set(fr):
                binlog_hot[m] += 1
            binlog[part_of(fr, [("io.debezium.relational.TableSchema", "Debezium: row -> change-event Structs"),
                                ("io.debezium.data.Envelope", "Debezium: row -> change-event Structs"),
                                ("ChangeEventQueue", "Debezium: queue (hand-over to the task thread)"),
                                ("com.github.shyiko.mysql.binlog.event.deserialization", "binlog event deserialisation"),
                                ("io.debezium", "Debezium: other (dispatcher, offsets, source info)"),
                                ("com.github.shyiko", "binlog client (socket I/O)")])] += 1
    total = sum(groups.values())
    pct = lambda n, d: f"{100.0 * n / d:.1f} %" if d else "-"
    print(f"## {path}: {total} execution samples")
    print("\n| thread | samples | share |\n|---|---|---|")
    for g, n in groups.most_common():
        print(f"| {g} | {n} | {pct(n, total)} |")
    print("\n| task thread: part | samples | share of the task thread |\n|---|---|---|")
    for s, n in sorted(stages.items()):
        print(f"| {s} | {n} | {pct(n, task_n)} |")
    bl = sum(binlog.values())
    print("\n| binlog reader | samples | share of that thread |\n|---|---|---|")
    for p, n in binlog.most_common():
        print(f"| {p} | {n} | {pct(n, bl)} |")
    print("\nTask thread, hottest methods (inclusive):")
    for m, n in hot.most_common(25):
        print(f"  {pct(n, task_n):>7}  {m}")
    print("\nBinlog reader, hottest methods (inclusive):")
    for m, n in binlog_hot.most_common(25):
        print(f"  {pct(n, bl):>7}  {m}")
    print()


for p in sys.argv[1:]:
    summarize(p)
