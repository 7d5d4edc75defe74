-- Version 2: the measure catalogue of § 48a SGB II (K1–K3 and their
-- Ergänzungsgrößen), preloaded with fixed UUIDs so that every office uses
-- the same keys and files can be merged later. Descriptions in our words.

INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('116e67e8-89fe-59a7-94dd-4e2586217d75', 'K1', 'Veränderung der Summe der Leistungen zum Lebensunterhalt (ohne KdU)',
    'Summe der Leistungen zum Lebensunterhalt ohne Unterkunft und Heizung im Berichtsmonat geteilt durch den Wert des Vorjahresmonats; ausgewiesen als (Quotient − 1) × 100 %.',
    '%', 'lower', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('d6831837-90ed-5af8-9b8a-c20c3e569321', 'K1E1', 'Veränderung der Summe der Leistungen für Unterkunft und Heizung',
    'Wie K1, jedoch für die Leistungen für Unterkunft und Heizung (KdU): Berichtsmonat gegenüber Vorjahresmonat.',
    '%', 'lower', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('bd3a5af7-b9dc-59d4-bcff-66f9ff8f953d', 'K1E2', 'Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten',
    'Wie K1, jedoch für die Zahl der erwerbsfähigen Leistungsberechtigten (ELB): Berichtsmonat gegenüber Vorjahresmonat.',
    '%', 'lower', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('9cd5d31d-e424-579f-83fd-acffb6adcd08', 'K1E3', 'Zugangsrate erwerbsfähiger Leistungsberechtigter',
    'Zugänge an ELB im Monat geteilt durch den Bestand; Durchschnitt über zwölf Monate.',
    '%', 'lower', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('7ab9592d-6e98-511d-a199-a8615768bb20', 'K1E4', 'Abgangsrate erwerbsfähiger Leistungsberechtigter',
    'Abgänge an ELB im Monat geteilt durch den Bestand des Vormonats; Durchschnitt über zwölf Monate.',
    '%', 'higher', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('04f120ee-0ed4-5340-a650-1fbba1bf51c8', 'K2', 'Integrationsquote',
    'Integrationen der letzten zwölf Monate geteilt durch den durchschnittlichen Bestand an ELB in diesen Monaten.',
    '%', 'higher', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('38061473-883b-596a-8328-517f78f9a2d7', 'K2E1', 'Quote der Eintritte in geringfügige Beschäftigung',
    'Eintritte in geringfügige Beschäftigung der letzten zwölf Monate im Verhältnis zum durchschnittlichen ELB-Bestand.',
    '%', 'higher', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('04e018c9-d8a9-5d94-be96-f96090735c49', 'K2E2', 'Quote der Eintritte in öffentlich geförderte Beschäftigung',
    'Eintritte in öffentlich geförderte Beschäftigung der letzten zwölf Monate im Verhältnis zum durchschnittlichen ELB-Bestand.',
    '%', 'higher', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('8c26ce15-888e-5a92-b13b-7ac23855912b', 'K2E3', 'Kontinuierliche Beschäftigung nach Integration',
    'Anteil der Integrierten, die nach der Integration fortlaufend beschäftigt bleiben, an allen Integrationen.',
    '%', 'higher', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('036ca672-fa06-5645-806f-544f27fa25f5', 'K2E4', 'Integrationsquote der Alleinerziehenden',
    'Integrationsquote (K2) beschränkt auf alleinerziehende ELB.',
    '%', 'higher', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('861ae4cc-7b08-5229-9889-60db99f45404', 'K3', 'Veränderung des Bestands an Langzeitleistungsbeziehenden',
    'Bestand an Langzeitleistungsbeziehenden (in den letzten 24 Monaten mindestens 21 Monate hilfebedürftig) im Berichtsmonat gegenüber dem Vorjahresmonat.',
    '%', 'lower', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('32e36f44-c100-5388-863e-0a5267a29a0d', 'K3E1', 'Integrationsquote der Langzeitleistungsbeziehenden',
    'Integrationsquote (K2) beschränkt auf Langzeitleistungsbeziehende.',
    '%', 'higher', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('6bfb42fb-ead7-52d7-a294-bcf589eeb69b', 'K3E2', 'Aktivierungsquote der Langzeitleistungsbeziehenden',
    'Anteil der Langzeitleistungsbeziehenden, die in einer Maßnahme aktiviert wurden, am Bestand.',
    '%', 'higher', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('60bc5819-07bf-5842-aba7-daa0b6d77794', 'K3E3', 'Zugangsrate Langzeitleistungsbeziehender',
    'Zugänge in den Langzeitleistungsbezug im Verhältnis zum Bestand; Durchschnitt über zwölf Monate.',
    '%', 'lower', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, created_at, modified_at, site_id, modified_by)
    VALUES ('7bc465a3-2c50-5b9c-9050-ff9bc2eaf869', 'K3E4', 'Abgangsrate Langzeitleistungsbeziehender',
    'Abgänge aus dem Langzeitleistungsbezug im Verhältnis zum Bestand des Vormonats; Durchschnitt über zwölf Monate.',
    '%', 'higher', 1, '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
