"""Reads of the public site. Everything public goes through `icc.index.selectors.publication`
(published rounds, published responses, a round's public results) and the network register's public
facts; nothing here reads answers, evidence, contacts, notes, fees or unpublished scores."""
