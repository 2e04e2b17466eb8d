"""Country outlines for the map: TopoJSON decoding, and the installed atlas."""
from newsgraph.web.basemap import TOPOJSON, country_paths, topojson_paths
from newsgraph.web.charts import world_map

# a hand-made quantized topology: one square country and one made of two arcs
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [-180, -90]},
    "arcs": [
        [[180, 90], [10, 0], [0, 10], [-10, 0], [0, -10]],
        [[0, 0], [90, 0]],
        [[90, 0], [0, 45], [-90, -45]],
    ],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0]]},
        {"type": "MultiPolygon", "arcs": [[[1, 2]]]},
        {"type": "Point", "coordinates": [0, 0]},
    ]}},
}


def test_quantized_arcs_are_delta_decoded_and_projected():
    square, triangle = topojson_paths(TOPOLOGY, "countries", 360, 180)
    # (0,0) lon/lat is the map's centre; the square runs 10 degrees east and north
    assert square == "M180.0,90.0L190.0,90.0L190.0,80.0L180.0,80.0L180.0,90.0Z"
    # arcs joined without repeating the shared point; a reversed index (~i) walks back
    assert triangle == "M0.0,180.0L90.0,180.0L90.0,135.0L0.0,180.0Z"


def test_the_installed_atlas_draws_the_worlds_countries():
    assert TOPOJSON.is_file(), "make installs world-atlas (newsgraph/web/basemap)"
    paths = country_paths(760, 380)
    assert len(paths) > 150
    m = world_map([{"lat": 50.45, "lon": 30.52, "name": "Kyiv"}])
    assert m["countries"] == paths and m["circles"][0]["title"] == "Kyiv: 1"


def test_a_ring_across_the_antimeridian_is_cut_not_drawn_across_the_map():
    topology = {
        "type": "Topology",
        "arcs": [[[170, 60], [-170, 60], [-170, 50], [170, 50], [170, 60]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[0]]}]}},
    }
    (path,) = topojson_paths(topology, "countries", 360, 180)
    assert "Z" not in path and path.count("M") == 2
    for run in path.split("M")[1:]:
        xs = [float(p.split(",")[0]) for p in run.split("L")]
        assert max(xs) - min(xs) < 180
