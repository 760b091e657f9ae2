"""Prometheus metrics (one registry per running app, so tests can build many apps)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest


class Metrics:
    """Messages in and out, handler latency, FAQ answer rate, delivery failures, outbox depth."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.events_in = Counter("dxdesk_events_in_total", "Inbound events by kind and outcome",
                                 ["kind", "outcome"], registry=self.registry)
        self.handler_seconds = Histogram("dxdesk_handler_seconds", "Time to handle one event",
                                         ["kind"], registry=self.registry,
                                         buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
        self.messages_out = Counter("dxdesk_messages_out_total",
                                    "Outbound messages: replies, and outbox deliveries sent / retry / failed",
                                    ["platform", "result"], registry=self.registry)
        self.faq_outcomes = Counter("dxdesk_faq_questions_total", "FAQ questions by outcome",
                                    ["outcome"], registry=self.registry)
        self.outbox_depth = Gauge("dxdesk_outbox_depth", "Messages waiting in the outbox",
                                  registry=self.registry)

    def observe_event(self, kind: str, seconds: float, outcome: str) -> None:
        """Dispatcher hook."""
        self.events_in.labels(kind, outcome).inc()
        self.handler_seconds.labels(kind).observe(seconds)

    def observe_delivery(self, platform: str, result: str) -> None:
        """Delivery worker hook."""
        self.messages_out.labels(platform, result).inc()

    def observe_reply(self, platform: str) -> None:
        """Dispatcher hook: one reply sent to the conversation an event came from."""
        self.messages_out.labels(platform, "reply").inc()

    def observe_question(self, outcome: str) -> None:
        """FAQ hook: one question logged with its outcome (answer / candidates / none / person /
        other_desk: sent to another section / outside: turned away)."""
        self.faq_outcomes.labels(outcome).inc()

    def render(self) -> bytes:
        """The text exposition format."""
        return generate_latest(self.registry)
