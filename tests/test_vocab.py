"""One vocabulary module: channels and generations are defined once, in passionmap.vocab."""

from passionmap import phrases, vocab
from passionmap.io import channels, generation, ingest


def test_the_old_names_are_the_vocabulary_itself():
    assert channels.CHANNELS is vocab.CHANNELS is ingest.CHANNELS
    assert channels.CHANNEL_ALIASES is vocab.CHANNEL_ALIASES
    assert generation.GENERATIONS is vocab.GENERATIONS
    assert phrases.CHANNEL_NAMES is vocab.CHANNEL_NAMES
    assert phrases.CHANNEL_BRANDS is vocab.CHANNEL_BRANDS


def test_the_vocabulary_agrees_with_itself():
    # every alias names a channel, every display name a channel (or unknown)
    assert set(vocab.CHANNEL_ALIASES.values()) <= set(vocab.CHANNELS)
    assert set(vocab.CHANNEL_NAMES) <= {*vocab.CHANNELS, "unknown"}
    assert len(vocab.LAST_BIRTH_YEAR) == len(vocab.GENERATIONS) - 1
    assert generation.generation_of(vocab.LAST_BIRTH_YEAR[0]) == vocab.GENERATIONS[0]
    assert phrases.channel_name("email") == "email" and phrases.channel_name("sms") == "SMS"
