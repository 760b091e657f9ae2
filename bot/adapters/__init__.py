"""Platform adapters: each folder converts one platform's payloads to core events and core
replies to that platform's format. Each platform SDK is imported only inside its own folder."""
