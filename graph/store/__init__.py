"""Sinks that hold the graph for querying: the embedded LadybugDB store and Neo4j."""
