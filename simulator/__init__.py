"""Synthetic organisations and a Jira REST emulator, for the demo, the tests and benchmarks.

`simulator.generate` builds an organisation whose teams sit at known maturity levels;
`simulator.sprint_report` computes Jira's sprint report from that ground truth;
`simulator.jira_emulator` serves it over HTTP on 127.0.0.1 in Atlassian's shapes, with
faults injected on demand (`simulator.jira_emulator.faults`);
`simulator.recorded_jira` serves real recorded Jira Cloud responses the same way;
`simulator.scenarios` builds small hand-made organisations for tests.
Nothing in the product imports this package, and it imports nothing of the product.
"""
