"""The rules layer: rule sets as versioned data, the engine that applies them, explanations."""
