# A run that could not be done (exit 2) still writes its SARIF report, so
# code scanning learns why: no results beyond those found, the invocation
# marked unsuccessful, and every input error printed as a notification at
# its file.  Text and JSON say it on stderr alone.
$ rm -f failed.sarif; vaslint check -L no-such-layout -f sarif -o failed.sarif vmm32-0x6000000; echo "exit $?"; python3 -c 'import json; r = json.load(open("failed.sarif"))["runs"][0]; i = r["invocations"][0]; print(len(r["results"]), i["executionSuccessful"], [n["message"]["text"] for n in i["toolExecutionNotifications"]])'
vaslint: error: no such layout 'no-such-layout' (run 'vaslint layouts' for the list; a path to a .yaml file works too)
exit 2
0 False ["no such layout 'no-such-layout' (run 'vaslint layouts' for the list; a path to a .yaml file works too)"]

# A bad input among good ones: the good ones are checked, the bad one is
# the notification, at its file.
$ rm -f failed.sarif; vaslint check -L genode-nova-x86_32-2012 -D GUEST_RAM=256M -f sarif -o failed.sarif vmm32-0x6000000 no-such-file; echo "exit $?"; python3 -c 'import json; r = json.load(open("failed.sarif"))["runs"][0]; i = r["invocations"][0]; print([x["ruleId"] for x in r["results"]], i["executionSuccessful"], [(n["message"]["text"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for n in i["toolExecutionNotifications"]])'
no-such-file: error: cannot open: No such file or directory
exit 2
['reserved-overlap'] False [('cannot open: No such file or directory', 'no-such-file')]

# A run without input errors has no invocation to report.
$ vaslint check -L linux-x86_64 -f sarif vmm64-0x40000000 | python3 -c 'import json, sys; print("invocations" in json.load(sys.stdin)["runs"][0])'
False

# A bad requests file stops the run before the checks: no results.
$ rm -f failed.sarif; vaslint check -L linux-x86_64 --requests no-such.yaml -f sarif -o failed.sarif vmm64-0x40000000; echo "exit $?"; python3 -c 'import json; r = json.load(open("failed.sarif"))["runs"][0]; print(len(r["results"]), r["invocations"][0]["executionSuccessful"], len(r["invocations"][0]["toolExecutionNotifications"]))'; rm -f failed.sarif
no-such.yaml: error: cannot open: No such file or directory
exit 2
0 False 1

# Other formats write nothing when the run stops before the checks.
$ rm -f failed.json; vaslint check -L no-such-layout -f json -o failed.json vmm32-0x6000000; echo "exit $?"; ls failed.json 2>&1 || true
vaslint: error: no such layout 'no-such-layout' (run 'vaslint layouts' for the list; a path to a .yaml file works too)
exit 2
ls: cannot access 'failed.json': No such file or directory
