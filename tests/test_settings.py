import pytest

from newsgraph import ConfigError, Settings
from newsgraph.errors import ModelNotFound
from newsgraph.nlp import load_pipeline


def test_precedence_defaults_file_env_flags(tmp_path):
    cfg = tmp_path / "newsgraph.toml"
    cfg.write_text('model = "from_file"\nbatch_size = 8\nmax_article_bytes = 1000\n', encoding="utf-8")
    s = Settings.load(config_path=cfg, env={})
    assert (s.model, s.batch_size, s.max_article_bytes) == ("from_file", 8, 1000)
    s = Settings.load(config_path=cfg, env={"NEWSGRAPH_MODEL": "from_env", "NEWSGRAPH_BATCH_SIZE": "16"})
    assert (s.model, s.batch_size) == ("from_env", 16)
    s = Settings.load({"model": "from_flag", "batch_size": None}, config_path=cfg, env={"NEWSGRAPH_MODEL": "from_env"})
    assert (s.model, s.batch_size) == ("from_flag", 8)


def test_newsgraph_section_in_config(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[newsgraph]\nmodel = "en_core_web_lg"\n', encoding="utf-8")
    assert Settings.load(config_path=cfg, env={}).model == "en_core_web_lg"


@pytest.mark.parametrize(
    "overrides, message",
    [({"colour": "red"}, "unknown setting 'colour'"), ({"batch_size": "many"}, "must be int"), ({"batch_size": 0}, "positive")],
)
def test_bad_settings_are_config_errors(overrides, message):
    with pytest.raises(ConfigError, match=message):
        Settings.load(overrides, env={}, config_path=None)


def test_bad_toml_names_the_file(tmp_path):
    cfg = tmp_path / "broken.toml"
    cfg.write_text("model = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.toml"):
        Settings.load(config_path=cfg, env={})


def test_missing_model_is_model_not_found():
    with pytest.raises(ModelNotFound, match="xx_not_a_model"):
        load_pipeline("xx_not_a_model")


def test_token_and_cache_dir_are_settings_and_the_token_is_not_shown():
    s = Settings.load(env={"NEWSGRAPH_TOKEN": "s3cret-token", "NEWSGRAPH_CACHE_DIR": "/var/cache/ng"}, config_path=None)
    assert (s.token, s.cache_dir) == ("s3cret-token", "/var/cache/ng")
    assert "s3cret-token" not in repr(s)


@pytest.mark.parametrize("command", [["ingest", "x.txt"], ["reprocess"], ["watch", "feed.xml"], ["serve"], ["extract", "x.txt"]])
def test_every_command_that_builds_settings_reads_config(tmp_path, command):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    config = tmp_path / "bad.toml"
    config.write_text("no_such_setting = 1\n")
    result = CliRunner().invoke(cli, [*command, "--config", str(config)])
    assert result.exit_code != 0
    assert "unknown setting 'no_such_setting'" in result.output
